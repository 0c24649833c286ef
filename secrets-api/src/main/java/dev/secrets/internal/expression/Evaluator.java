package dev.secrets.internal.expression;

import dev.secrets.SecretFormatException;
import dev.secrets.SecretReference;
import dev.secrets.internal.expression.Expression.Concat;
import dev.secrets.internal.expression.Expression.Literal;
import dev.secrets.internal.expression.Expression.Named;
import dev.secrets.internal.expression.Expression.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Computes the bytes of expression trees from the resolved values of their references.
 *
 * <p>Every intermediate array is zeroed as soon as the next step has consumed it. The caller owns
 * the map of resolved values and each returned array, and wipes them.
 *
 * <p>Not thread-safe. Use one instance per resolution.
 */
public final class Evaluator {

    private final Map<SecretReference, byte[]> values;
    private final Consumer<byte[]> intermediateSink;

    /**
     * Creates an evaluator.
     *
     * @param values the resolved bytes of every reference the trees mention, read and never changed
     * @param intermediateSink receives the result of every concatenation and transformation
     *     before it is wiped, for a censor. It must copy what it keeps.
     */
    public Evaluator(Map<SecretReference, byte[]> values, Consumer<byte[]> intermediateSink) {
        this.values = Objects.requireNonNull(values, "values");
        this.intermediateSink = Objects.requireNonNull(intermediateSink, "intermediateSink");
    }

    /**
     * Returns a new array with the bytes of {@code expression}.
     *
     * @throws SecretFormatException if a decode step fails, with a message that names the step
     *     and the references its input was built from, never the bytes
     * @throws IllegalArgumentException if a reference of the tree has no value in the map
     */
    public byte[] evaluate(Expression expression) {
        if (expression instanceof Named) {
            return valueOf(((Named) expression).reference());
        }
        if (expression instanceof Literal) {
            return ((Literal) expression).bytes().clone();
        }
        if (expression instanceof Concat) {
            return concatenate((Concat) expression);
        }
        return apply((Transform) expression);
    }

    private byte[] valueOf(SecretReference reference) {
        byte[] value = values.get(reference);
        if (value == null) {
            throw new IllegalArgumentException("no resolved value for reference '" + reference + "'");
        }
        return value.clone();
    }

    private byte[] concatenate(Concat concat) {
        List<byte[]> parts = new ArrayList<>(concat.parts().size());
        try {
            int length = 0;
            for (Expression part : concat.parts()) {
                byte[] bytes = evaluate(part);
                parts.add(bytes);
                length = Math.addExact(length, bytes.length);
            }
            byte[] joined = new byte[length];
            int position = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, joined, position, part.length);
                position += part.length;
            }
            intermediateSink.accept(joined);
            return joined;
        } finally {
            parts.forEach(part -> Arrays.fill(part, (byte) 0));
        }
    }

    private byte[] apply(Transform transform) {
        byte[] input = evaluate(transform.operand());
        try {
            byte[] output = transform.direction() == Direction.ENCODE
                    ? transform.codec().encode(input)
                    : transform.codec().decode(input);
            intermediateSink.accept(output);
            return output;
        } catch (MalformedEncodingException e) {
            throw new SecretFormatException(describeFailure(transform, e.getMessage()), e);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    private static String describeFailure(Transform transform, String reason) {
        return "Could not apply " + transform.stepName() + " to " + describeInput(transform.operand()) + ": "
                + reason + ". Check that the value is " + transform.codec().label() + " text, or remove the "
                + transform.stepName() + " step.";
    }

    private static String describeInput(Expression operand) {
        if (operand instanceof Named) {
            return "the value of secret '" + ((Named) operand).reference() + "'";
        }
        Set<SecretReference> references = operand.references();
        if (references.isEmpty()) {
            return "a value built from literals only";
        }
        String names = references.stream().map(reference -> "'" + reference + "'").collect(Collectors.joining(", "));
        return "a value built from secret" + (references.size() == 1 ? " " : "s ") + names;
    }
}
