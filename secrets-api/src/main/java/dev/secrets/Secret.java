package dev.secrets;

import dev.secrets.internal.expression.Codec;
import dev.secrets.internal.expression.Direction;
import dev.secrets.internal.expression.Expression;
import dev.secrets.internal.expression.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable expression whose value is computed from secrets at the point of use: a named
 * reference, a literal, a concatenation, or an encode or decode step over another expression.
 *
 * <p>An expression holds references, never the plaintext of a managed secret, so it can be
 * passed around, stored in configuration objects and printed: {@link #toString()} returns
 * {@code ***} for every expression, including one made only of literals. Resolve a batch of
 * expressions at the point of use with {@code Secrets.resolve(Secret...)}, which looks up the
 * references of all of them in one batch.
 *
 * <pre>{@code
 * Secret authorization = Secret.literal("Bearer ").concat(Secret.named("hec-token"));
 * Secret basic = Secret.format("Basic {}", Secret.format("{}:{}", user, password).encodeBase64());
 * try (ResolvedSecrets resolved = secrets.resolve(authorization, basic)) {
 *     request.header("Authorization", resolved.get(authorization).asString());
 * }
 * }</pre>
 *
 * <p>Every expression is kept in a normal form, and {@link #equals}/{@link #hashCode} compare
 * that form, never resolved values. Normalisation flattens nested concatenations, merges adjacent
 * literals, and cancels a decode applied directly to an encode of the same encoding, because
 * decoding what was just encoded always gives back the input. It does not cancel an encode
 * applied to a decode: {@code Secret.named("k").decodeHex().encodeHex()} turns upper-case hex
 * into lower case and fails on a value that is not hex, so it is kept as written.
 *
 * <p>Literals are held as UTF-8 (or the given bytes) for the life of the expression and cannot
 * be wiped. Use a literal for fixed text such as {@code "Bearer "}, or for an ad-hoc secret that
 * the caller keeps in memory anyway.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Secret {

    private static final String PLACEHOLDER = "{}";

    private final Expression expression;

    private Secret(Expression expression) {
        this.expression = expression;
    }

    /**
     * Returns an expression for the secret that {@code reference} selects: {@code name} or
     * {@code name:field}.
     *
     * @throws InvalidSecretNameException if the reference is not valid
     */
    public static Secret named(String reference) {
        return named(SecretReference.parse(Objects.requireNonNull(reference, "reference")));
    }

    /** Returns an expression for the secret that {@code reference} selects. */
    public static Secret named(SecretReference reference) {
        return new Secret(new Expression.Named(Objects.requireNonNull(reference, "reference")));
    }

    /**
     * Returns an expression for the UTF-8 encoding of {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} contains an unpaired surrogate
     */
    public static Secret literal(String text) {
        return new Secret(new Expression.Literal(encodeUtf8(Objects.requireNonNull(text, "text"))));
    }

    /** Returns an expression for a copy of {@code bytes}, so later changes to the array do not affect it. */
    public static Secret literal(byte[] bytes) {
        return new Secret(new Expression.Literal(Objects.requireNonNull(bytes, "bytes").clone()));
    }

    /**
     * Returns the concatenation of {@code parts} in order. No parts give the empty literal. To join
     * a fixed number of expressions, write {@code first.concat(second, third)}.
     */
    public static Secret concat(List<Secret> parts) {
        Objects.requireNonNull(parts, "parts");
        List<Expression> expressions = new ArrayList<>(parts.size());
        for (Secret part : parts) {
            expressions.add(Objects.requireNonNull(part, "parts contains null").expression);
        }
        return new Secret(Normalizer.concat(expressions));
    }

    /**
     * Returns the template's text with each <code>{}</code> replaced by the next argument, in
     * order. Write <code>{{</code> for a literal opening brace, so the template <code>{{}</code>
     * gives the text <code>{}</code>. Every other character is copied as it is, including a
     * <code>{</code> followed by anything but <code>{</code> or <code>}</code>, so JSON
     * templates need no escaping:
     *
     * <pre>{@code
     * Secret.format("Bearer {}", token);
     * Secret.format("{\"user\": \"{}\", \"password\": \"{}\"}", user, password);
     * }</pre>
     *
     * @throws IllegalArgumentException if the number of placeholders differs from the number of
     *     arguments, or the template contains an unpaired surrogate
     */
    public static Secret format(String template, Secret... arguments) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(arguments, "arguments");
        List<Expression> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int used = 0;
        int placeholders = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                text.append('{');
                i++;
            } else if (template.startsWith(PLACEHOLDER, i)) {
                placeholders++;
                if (used < arguments.length) {
                    parts.add(new Expression.Literal(encodeUtf8(text)));
                    text.setLength(0);
                    parts.add(Objects.requireNonNull(arguments[used++], "arguments contains null").expression);
                }
                i++;
            } else {
                text.append(c);
            }
        }
        if (placeholders != arguments.length) {
            throw new IllegalArgumentException("The template has " + placeholders + " placeholder"
                    + (placeholders == 1 ? "" : "s") + " '{}' but " + arguments.length + " argument"
                    + (arguments.length == 1 ? " was" : "s were") + " given; pass one argument per '{}', "
                    + "and write '{{' for a literal '{'.");
        }
        parts.add(new Expression.Literal(encodeUtf8(text)));
        return new Secret(Normalizer.concat(parts));
    }

    /** Returns this expression followed by each of {@code others}, in order. */
    public Secret concat(Secret... others) {
        Objects.requireNonNull(others, "others");
        List<Expression> parts = new ArrayList<>(others.length + 1);
        parts.add(expression);
        for (Secret other : others) {
            parts.add(Objects.requireNonNull(other, "others contains null").expression);
        }
        return new Secret(Normalizer.concat(parts));
    }

    /** Returns this value in base64 with the standard alphabet and {@code =} padding (RFC 4648 section 4). */
    public Secret encodeBase64() {
        return step(Codec.BASE64, Direction.ENCODE);
    }

    /**
     * Returns the bytes that this base64 value encodes. Padding is optional. Characters outside
     * the standard alphabet, line breaks included, make resolution fail with
     * {@link SecretFormatException}.
     */
    public Secret decodeBase64() {
        return step(Codec.BASE64, Direction.DECODE);
    }

    /** Returns this value in base64 with the URL-safe alphabet and {@code =} padding (RFC 4648 section 5). */
    public Secret encodeBase64Url() {
        return step(Codec.BASE64_URL, Direction.ENCODE);
    }

    /**
     * Returns the bytes that this base64url value encodes. Padding is optional, so unpadded JWT
     * segments decode. Other characters make resolution fail with {@link SecretFormatException}.
     */
    public Secret decodeBase64Url() {
        return step(Codec.BASE64_URL, Direction.DECODE);
    }

    /** Returns this value as lower-case hexadecimal, two digits per byte. */
    public Secret encodeHex() {
        return step(Codec.HEX, Direction.ENCODE);
    }

    /**
     * Returns the bytes that this hexadecimal value encodes, in either case. An odd length or a
     * character that is not a hex digit makes resolution fail with {@link SecretFormatException}.
     */
    public Secret decodeHex() {
        return step(Codec.HEX, Direction.DECODE);
    }

    /**
     * Returns this value percent-encoded: every byte outside the RFC 3986 unreserved set
     * {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX} with upper-case digits, so the result fits in
     * any part of a URI. A space becomes {@code %20}, never {@code +}.
     */
    public Secret encodeUrl() {
        return step(Codec.URL, Direction.ENCODE);
    }

    /**
     * Returns this value with every {@code %XX} escape replaced by its byte. All other bytes,
     * {@code +} included, stay as they are. A {@code %} without two hex digits after it makes
     * resolution fail with {@link SecretFormatException}.
     */
    public Secret decodeUrl() {
        return step(Codec.URL, Direction.DECODE);
    }

    /** Returns this value in base58 with the Bitcoin alphabet, where each leading zero byte becomes {@code 1}. */
    public Secret encodeBase58() {
        return step(Codec.BASE58, Direction.ENCODE);
    }

    /**
     * Returns the bytes that this base58 (Bitcoin alphabet) value encodes. A character outside
     * the alphabet makes resolution fail with {@link SecretFormatException}.
     */
    public Secret decodeBase58() {
        return step(Codec.BASE58, Direction.DECODE);
    }

    /**
     * Returns the references this expression mentions, each once, in order of first appearance.
     * A reference with a JSON field counts as its own entry, so {@code db:user} and
     * {@code db:password} are two.
     */
    public Set<SecretReference> names() {
        return Collections.unmodifiableSet(expression.references());
    }

    /**
     * Returns whether the expression mentions no reference, so that its value is made of literals
     * only. {@link #toString()} still returns {@code ***}, but a caller whose literals are not
     * secret can use this to decide whether to print the value it resolves.
     */
    public boolean isAllLiteral() {
        return expression.references().isEmpty();
    }

    /** Returns the tree in normal form, for the resolution code in this package. */
    Expression expression() {
        return expression;
    }

    /** Compares the normalised expression trees. Resolved values play no part. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret && ((Secret) other).expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** Returns {@code ***}: an expression is never rendered, because literals may be secrets. */
    @Override
    public String toString() {
        return "***";
    }

    private Secret step(Codec codec, Direction direction) {
        return new Secret(Normalizer.transform(codec, direction, expression));
    }

    /** Encodes strict UTF-8 with the rules of {@link SecretValue#ofUtf8(CharSequence)}. */
    private static byte[] encodeUtf8(CharSequence text) {
        try (SecretValue encoded = SecretValue.ofUtf8(text)) {
            return encoded.asBytes();
        }
    }
}
