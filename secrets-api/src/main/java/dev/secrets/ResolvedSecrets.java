package dev.secrets;

import dev.secrets.internal.expression.Evaluator;
import dev.secrets.internal.expression.Expression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values of a batch of {@link Secret} expressions, in the order they were passed to
 * {@code Secrets.resolve(Secret...)}, and a {@link SecretCensor} for every value the batch
 * produced.
 *
 * <pre>{@code
 * try (ResolvedSecrets resolved = secrets.resolve(authorization, password)) {
 *     connect(resolved.get(authorization).asString(), resolved.get(password).asChars());
 * }
 * }</pre>
 *
 * <p>The values belong to this object: {@link #close()} wipes each of them and the censor. Each
 * expression of the batch has its own {@link SecretValue}, even when two expressions are equal.
 *
 * <p>Instances are thread-safe.
 */
public final class ResolvedSecrets implements AutoCloseable {

    private final List<Secret> expressions;
    private final List<SecretValue> values;
    private final SecretCensor censor;

    private ResolvedSecrets(List<Secret> expressions, List<SecretValue> values, SecretCensor censor) {
        this.expressions = expressions;
        this.values = values;
        this.censor = censor;
    }

    /**
     * Computes every expression from the resolved values of its references, and closes those
     * values. Every expression is computed even after one failed.
     *
     * @throws SecretFormatException for the first expression whose decode step failed, with the
     *     failures of later expressions attached by {@link Throwable#addSuppressed}
     */
    static ResolvedSecrets evaluate(List<Secret> expressions, Map<SecretReference, SecretValue> resolved) {
        Map<SecretReference, byte[]> bytes = new HashMap<>();
        List<byte[]> learnt = new ArrayList<>();
        List<byte[]> results = new ArrayList<>();
        try {
            resolved.forEach((reference, value) -> bytes.put(reference, value.asBytes()));
            learnt.addAll(bytes.values());
            Evaluator evaluator = new Evaluator(bytes, intermediate -> learnt.add(intermediate.clone()));
            SecretFormatException failure = null;
            for (Secret expression : expressions) {
                try {
                    results.add(evaluator.evaluate(expression.expression()));
                } catch (SecretFormatException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            learnt.addAll(results);
            return new ResolvedSecrets(List.copyOf(expressions), toValues(expressions, results, resolved),
                    SecretCensor.ofBytes(learnt));
        } finally {
            resolved.values().forEach(SecretValue::close);
            learnt.forEach(array -> Arrays.fill(array, (byte) 0));
            results.forEach(array -> Arrays.fill(array, (byte) 0));
        }
    }

    /**
     * Wraps each result in a fresh value. The value of a bare reference keeps the reference and
     * store it came from, so that its errors name them.
     */
    private static List<SecretValue> toValues(List<Secret> expressions, List<byte[]> results,
            Map<SecretReference, SecretValue> resolved) {
        List<SecretValue> values = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Expression tree = expressions.get(i).expression();
            if (tree instanceof Expression.Named) {
                SecretValue origin = resolved.get(((Expression.Named) tree).reference());
                values.add(origin.withOrigin(origin.reference().orElse(null), origin.store().orElse(null)));
            } else {
                values.add(SecretValue.describedAs(results.get(i).clone(), describe(expressions.get(i))));
            }
        }
        return List.copyOf(values);
    }

    private static String describe(Secret expression) {
        List<String> names = new ArrayList<>();
        expression.names().forEach(reference -> names.add("'" + reference + "'"));
        return names.isEmpty() ? "an expression of literals" : "the expression over secrets " + String.join(", ", names);
    }

    /** Returns the number of expressions in the batch. */
    public int size() {
        return values.size();
    }

    /**
     * Returns the value of the expression at {@code index}, counted from 0 in the order given.
     *
     * @throws IndexOutOfBoundsException if there is no such expression
     */
    public SecretValue get(int index) {
        return values.get(index);
    }

    /**
     * Returns the value of the first expression of the batch that equals {@code expression}.
     *
     * @throws IllegalArgumentException if the batch has no equal expression
     */
    public SecretValue get(Secret expression) {
        Objects.requireNonNull(expression, "expression");
        int index = expressions.indexOf(expression);
        if (index < 0) {
            throw new IllegalArgumentException("The expression was not part of this batch; pass it to "
                    + "Secrets.resolve(...) together with the others.");
        }
        return values.get(index);
    }

    /** Returns the values in the order of the expressions. */
    public List<SecretValue> values() {
        return values;
    }

    /** Returns the censor for every value this batch produced. It is closed with this object. */
    public SecretCensor censor() {
        return censor;
    }

    /** Wipes every value and the censor. Idempotent. */
    @Override
    public void close() {
        values.forEach(SecretValue::close);
        censor.close();
    }

    /** Returns the number of values, never the values. */
    @Override
    public String toString() {
        return "ResolvedSecrets[" + values.size() + " values]";
    }
}
