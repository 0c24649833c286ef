package dev.secrets.internal.expression;

import dev.secrets.SecretReference;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A node of a secret expression tree. The records compare structurally, so two trees are equal
 * when they have the same shape, references, literal bytes and steps. {@link Normalizer} brings
 * a tree into the form that {@code dev.secrets.Secret} compares.
 *
 * <p>Every {@code toString()} returns {@code ***}, because a literal may be an ad-hoc secret and
 * records would otherwise print their components.
 */
public sealed interface Expression permits Expression.Named, Expression.Literal, Expression.Concat,
        Expression.Transform {

    /** Adds the references of this tree to {@code references}, in order of first appearance. */
    void collectReferences(Set<SecretReference> references);

    /** Returns the references of this tree, in order of first appearance. */
    default Set<SecretReference> references() {
        Set<SecretReference> references = new LinkedHashSet<>();
        collectReferences(references);
        return references;
    }

    /** The value of a secret that the resolution chain looks up. */
    record Named(SecretReference reference) implements Expression {

        public Named {
            Objects.requireNonNull(reference, "reference");
        }

        @Override
        public void collectReferences(Set<SecretReference> references) {
            references.add(reference);
        }

        @Override
        public String toString() {
            return "***";
        }
    }

    /**
     * Bytes given by the caller. The array is owned by the node: callers pass a copy and never
     * change it afterwards.
     */
    record Literal(byte[] bytes) implements Expression {

        public Literal {
            Objects.requireNonNull(bytes, "bytes");
        }

        /** Returns whether the literal has no bytes. */
        public boolean isEmpty() {
            return bytes.length == 0;
        }

        @Override
        public void collectReferences(Set<SecretReference> references) {
        }

        /** Compares the bytes in time that does not depend on where they differ. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Literal && MessageDigest.isEqual(bytes, ((Literal) other).bytes);
        }

        /** Hashes only the length, so that a hash code reveals nothing about the bytes. */
        @Override
        public int hashCode() {
            return bytes.length;
        }

        @Override
        public String toString() {
            return "***";
        }
    }

    /** The bytes of each part, one after another. */
    record Concat(List<Expression> parts) implements Expression {

        public Concat {
            parts = List.copyOf(parts);
        }

        @Override
        public void collectReferences(Set<SecretReference> references) {
            parts.forEach(part -> part.collectReferences(references));
        }

        @Override
        public String toString() {
            return "***";
        }
    }

    /** The operand's bytes encoded or decoded with a codec. */
    record Transform(Codec codec, Direction direction, Expression operand) implements Expression {

        public Transform {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(operand, "operand");
        }

        /** Returns the name of the {@code Secret} method that adds this step, such as {@code decodeHex}. */
        public String stepName() {
            return codec.methodName(direction);
        }

        @Override
        public void collectReferences(Set<SecretReference> references) {
            operand.collectReferences(references);
        }

        @Override
        public String toString() {
            return "***";
        }
    }
}
