package dev.secrets.internal.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretFormatException;
import dev.secrets.SecretReference;
import dev.secrets.internal.expression.Expression.Concat;
import dev.secrets.internal.expression.Expression.Literal;
import dev.secrets.internal.expression.Expression.Named;
import dev.secrets.internal.expression.Expression.Transform;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random expression trees over three names. The values of the names are often valid encodings,
 * so that decode steps both succeed and fail across the samples.
 */
class NormalizerPropertiesTest {

    private static final List<SecretReference> NAMES = List.of(
            SecretReference.parse("a"), SecretReference.parse("b"), SecretReference.parse("c:field"));

    @Property
    void normalizationIsIdempotent(@ForAll("trees") Expression tree) {
        Expression normal = Normalizer.normalize(tree);

        assertEquals(normal, Normalizer.normalize(normal));
        assertTrue(isNormal(normal));
    }

    @Property
    void normalizationKeepsReferences(@ForAll("trees") Expression tree) {
        assertEquals(List.copyOf(tree.references()), List.copyOf(Normalizer.normalize(tree).references()));
    }

    @Property
    void normalFormEvaluatesLikeOriginal(@ForAll("trees") Expression tree, @ForAll("values") Map<SecretReference, byte[]> values) {
        Map<SecretReference, byte[]> before = copy(values);

        Outcome original = Outcome.of(tree, values);
        Outcome normal = Outcome.of(Normalizer.normalize(tree), values);

        Statistics.label("outcome").collect(original.bytes == null ? "decode failed" : "resolved");
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("resolved").percentage(percent -> percent > 20);
            coverage.check("decode failed").percentage(percent -> percent > 5);
        });
        assertEquals(original.failure, normal.failure);
        if (original.bytes != null) {
            assertArrayEquals(original.bytes, normal.bytes);
        }
        before.forEach((reference, bytes) -> assertArrayEquals(bytes, values.get(reference), "evaluation changed an input"));
    }

    @Provide
    Arbitrary<Expression> trees() {
        return tree(3);
    }

    @Provide
    Arbitrary<Map<SecretReference, byte[]>> values() {
        return Combinators.combine(value(), value(), value()).as((a, b, c) -> {
            Map<SecretReference, byte[]> values = new HashMap<>();
            values.put(NAMES.get(0), a);
            values.put(NAMES.get(1), b);
            values.put(NAMES.get(2), c);
            return values;
        });
    }

    private static Arbitrary<Expression> tree(int depth) {
        Arbitrary<Expression> leaf = Arbitraries.oneOf(
                Arbitraries.of(NAMES).map(Named::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(6).map(Literal::new));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Expression> child = Arbitraries.lazy(() -> tree(depth - 1));
        Arbitrary<Codec> codecs = Arbitraries.of(Codec.class);
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(2, child.list().ofMaxSize(4).map(Concat::new)),
                Tuple.of(2, Combinators.combine(codecs, Arbitraries.of(Direction.class), child).as(Transform::new)),
                Tuple.of(2, Combinators.combine(codecs, child).as((codec, operand) ->
                        new Transform(codec, Direction.DECODE, new Transform(codec, Direction.ENCODE, operand)))),
                Tuple.of(1, Combinators.combine(codecs, child).as((codec, operand) ->
                        new Transform(codec, Direction.ENCODE, new Transform(codec, Direction.DECODE, operand)))));
    }

    /** Random bytes, or a valid encoding of random bytes in any codec, hex sometimes in upper case. */
    private static Arbitrary<byte[]> value() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(8);
        Arbitrary<byte[]> encoded = Combinators.combine(Arbitraries.of(Codec.class), raw).as((codec, bytes) -> codec.encode(bytes));
        Arbitrary<byte[]> upperHex = raw.map(bytes -> new String(Codec.HEX.encode(bytes), StandardCharsets.US_ASCII)
                .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return Arbitraries.frequencyOf(Tuple.of(1, raw), Tuple.of(3, encoded), Tuple.of(1, upperHex));
    }

    private static boolean isNormal(Expression tree) {
        if (tree instanceof Concat) {
            List<Expression> parts = ((Concat) tree).parts();
            for (int i = 0; i < parts.size(); i++) {
                Expression part = parts.get(i);
                boolean literalAfterLiteral = i > 0 && part instanceof Literal && parts.get(i - 1) instanceof Literal;
                if (part instanceof Concat || (part instanceof Literal && ((Literal) part).isEmpty())
                        || literalAfterLiteral || !isNormal(part)) {
                    return false;
                }
            }
            return parts.size() >= 2;
        }
        if (tree instanceof Transform) {
            Transform transform = (Transform) tree;
            if (transform.direction() == Direction.DECODE && transform.operand() instanceof Transform) {
                Transform inner = (Transform) transform.operand();
                if (inner.codec() == transform.codec() && inner.direction() == Direction.ENCODE) {
                    return false;
                }
            }
            return isNormal(transform.operand());
        }
        return true;
    }

    private static Map<SecretReference, byte[]> copy(Map<SecretReference, byte[]> values) {
        Map<SecretReference, byte[]> copy = new HashMap<>();
        values.forEach((reference, bytes) -> copy.put(reference, bytes.clone()));
        return copy;
    }

    /**
     * The bytes of a tree, or its failure reduced to the failing step and reason. The part of the
     * message that describes the step's input may differ, because normalisation can turn a
     * concatenation with an empty literal into the bare reference.
     */
    private static final class Outcome {

        final byte[] bytes;
        final String failure;

        private Outcome(byte[] bytes, String failure) {
            this.bytes = bytes;
            this.failure = failure;
        }

        static Outcome of(Expression tree, Map<SecretReference, byte[]> values) {
            try {
                return new Outcome(new Evaluator(values, intermediate -> { }).evaluate(tree), null);
            } catch (SecretFormatException e) {
                String message = e.getMessage();
                String step = message.substring(0, message.indexOf(" to "));
                String reason = message.substring(message.indexOf(": "));
                return new Outcome(null, step + reason);
            }
        }
    }
}
