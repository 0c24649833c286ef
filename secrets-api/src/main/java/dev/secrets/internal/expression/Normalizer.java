package dev.secrets.internal.expression;

import dev.secrets.internal.expression.Expression.Concat;
import dev.secrets.internal.expression.Expression.Literal;
import dev.secrets.internal.expression.Expression.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brings expression trees into normal form, the form that {@code Secret} stores and compares.
 *
 * <p>The rules, each of which leaves the resolved bytes and every failure unchanged:
 * <ul>
 *   <li>Nested concatenations flatten into one, because concatenation is associative.
 *   <li>Empty literals inside a concatenation disappear, and adjacent literals merge into one.
 *   <li>A concatenation of one part is that part, and one of no parts is the empty literal.
 *   <li>A decode directly on top of an encode with the same codec cancels, because
 *       {@code decode(encode(x))} is {@code x} for every codec and every {@code x}, and encoding
 *       never fails.
 * </ul>
 *
 * <p>An encode on top of a decode never cancels. {@code encode(decode(y))} equals {@code y} only
 * when {@code y} is spelled the way the encoder writes it: hex {@code 4A} comes back as
 * {@code 4a}, unpadded base64 comes back padded, {@code %41} comes back as {@code A}. And when
 * {@code y} is not valid at all, the decode fails, which a cancelled tree would silently skip.
 * Transformations of literals are not computed ahead either, so a literal that fails to decode
 * fails at resolution like any other value.
 *
 * <p>A tree is in normal form when every concatenation has two or more parts, none of them a
 * concatenation or an empty literal, no two of them adjacent literals, and no decode sits
 * directly on an encode of the same codec. {@link #normalize} is idempotent.
 */
public final class Normalizer {

    private static final Literal EMPTY = new Literal(new byte[0]);

    private Normalizer() {
    }

    /** Returns the normal form of {@code expression}. */
    public static Expression normalize(Expression expression) {
        if (expression instanceof Concat) {
            List<Expression> parts = new ArrayList<>();
            for (Expression part : ((Concat) expression).parts()) {
                parts.add(normalize(part));
            }
            return concat(parts);
        }
        if (expression instanceof Transform) {
            Transform transform = (Transform) expression;
            return transform(transform.codec(), transform.direction(), normalize(transform.operand()));
        }
        return expression;
    }

    /** Returns the normal form of the concatenation of {@code parts}, which must be in normal form. */
    public static Expression concat(List<Expression> parts) {
        List<Expression> flat = new ArrayList<>();
        for (Expression part : parts) {
            if (part instanceof Concat) {
                ((Concat) part).parts().forEach(child -> append(flat, child));
            } else {
                append(flat, part);
            }
        }
        if (flat.isEmpty()) {
            return EMPTY;
        }
        return flat.size() == 1 ? flat.get(0) : new Concat(flat);
    }

    /** Returns the normal form of a step on top of {@code operand}, which must be in normal form. */
    public static Expression transform(Codec codec, Direction direction, Expression operand) {
        if (direction == Direction.DECODE && operand instanceof Transform) {
            Transform inner = (Transform) operand;
            if (inner.codec() == codec && inner.direction() == Direction.ENCODE) {
                return inner.operand();
            }
        }
        return new Transform(codec, direction, operand);
    }

    /** Returns the empty literal. */
    public static Expression empty() {
        return EMPTY;
    }

    /** Appends a part that is not a concatenation, merging it into a preceding literal. */
    private static void append(List<Expression> flat, Expression part) {
        if (part instanceof Literal && ((Literal) part).isEmpty()) {
            return;
        }
        int last = flat.size() - 1;
        if (part instanceof Literal && last >= 0 && flat.get(last) instanceof Literal) {
            flat.set(last, join((Literal) flat.get(last), (Literal) part));
        } else {
            flat.add(part);
        }
    }

    private static Literal join(Literal first, Literal second) {
        byte[] joined = Arrays.copyOf(first.bytes(), first.bytes().length + second.bytes().length);
        System.arraycopy(second.bytes(), 0, joined, first.bytes().length, second.bytes().length);
        return new Literal(joined);
    }
}
