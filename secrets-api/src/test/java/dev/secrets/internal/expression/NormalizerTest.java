package dev.secrets.internal.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.secrets.SecretReference;
import dev.secrets.internal.expression.Expression.Concat;
import dev.secrets.internal.expression.Expression.Literal;
import dev.secrets.internal.expression.Expression.Named;
import dev.secrets.internal.expression.Expression.Transform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static final Expression A = new Named(SecretReference.parse("a"));
    private static final Expression B = new Named(SecretReference.parse("b"));

    @Test
    void adjacentLiteralsMerge() {
        Expression tree = new Concat(List.of(literal("Bearer"), literal(" "), A, literal("x"), literal("y")));

        assertEquals(new Concat(List.of(literal("Bearer "), A, literal("xy"))), Normalizer.normalize(tree));
    }

    @Test
    void nestedConcatenationsFlatten() {
        Expression tree = new Concat(List.of(new Concat(List.of(A, literal("-"))), new Concat(List.of(literal("+"), B))));

        assertEquals(new Concat(List.of(A, literal("-+"), B)), Normalizer.normalize(tree));
    }

    @Test
    void emptyLiteralsDisappear() {
        Expression tree = new Concat(List.of(literal(""), A, literal("")));

        assertEquals(A, Normalizer.normalize(tree));
    }

    @Test
    void emptyConcatenationIsEmptyLiteral() {
        assertEquals(literal(""), Normalizer.normalize(new Concat(List.of())));
        assertEquals(literal(""), Normalizer.normalize(new Concat(List.of(literal(""), new Concat(List.of())))));
    }

    @Test
    void decodeOfEncodeCancels() {
        for (Codec codec : Codec.values()) {
            Expression tree = new Transform(codec, Direction.DECODE, new Transform(codec, Direction.ENCODE, A));

            assertEquals(A, Normalizer.normalize(tree), codec.name());
        }
    }

    @Test
    void encodeOfDecodeIsKept() {
        for (Codec codec : Codec.values()) {
            Expression tree = new Transform(codec, Direction.ENCODE, new Transform(codec, Direction.DECODE, A));

            assertEquals(tree, Normalizer.normalize(tree), codec.name());
        }
    }

    @Test
    void differentCodecsDoNotCancel() {
        Expression tree = new Transform(Codec.BASE64_URL, Direction.DECODE, new Transform(Codec.BASE64, Direction.ENCODE, A));

        assertEquals(tree, Normalizer.normalize(tree));
    }

    @Test
    void cancellationExposesLiteralsToMerge() {
        Expression hidden = new Transform(Codec.HEX, Direction.DECODE, new Transform(Codec.HEX, Direction.ENCODE, literal("b")));
        Expression tree = new Concat(List.of(literal("a"), hidden, A));

        assertEquals(new Concat(List.of(literal("ab"), A)), Normalizer.normalize(tree));
    }

    @Test
    void cancellationWorksThroughNestedPairs() {
        Expression tree = new Transform(Codec.HEX, Direction.DECODE,
                new Transform(Codec.BASE58, Direction.DECODE,
                        new Transform(Codec.BASE58, Direction.ENCODE,
                                new Transform(Codec.HEX, Direction.ENCODE, A))));

        assertEquals(A, Normalizer.normalize(tree));
    }

    @Test
    void stepOverConcatenationIsNotDistributed() {
        Expression tree = new Transform(Codec.HEX, Direction.DECODE,
                new Concat(List.of(new Transform(Codec.HEX, Direction.ENCODE, A), new Transform(Codec.HEX, Direction.ENCODE, B))));

        assertEquals(tree, Normalizer.normalize(tree), "only a step directly on its inverse cancels");
    }

    @Test
    void literalsCompareByBytes() {
        assertEquals(literal("abc"), literal("abc"));
        assertNotEquals(literal("abc"), literal("abd"));
        assertEquals(literal("abc").hashCode(), literal("xyz").hashCode(), "the hash code depends on the length only");
    }

    @Test
    void everyNodePrintsRedacted() {
        assertEquals("***", A.toString());
        assertEquals("***", literal("geheim").toString());
        assertEquals("***", new Concat(List.of(A, literal("geheim"))).toString());
        assertEquals("***", new Transform(Codec.HEX, Direction.ENCODE, literal("geheim")).toString());
    }

    private static Literal literal(String text) {
        return new Literal(text.getBytes(StandardCharsets.UTF_8));
    }
}
