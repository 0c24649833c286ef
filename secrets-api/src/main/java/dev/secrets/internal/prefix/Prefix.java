package dev.secrets.internal.prefix;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import java.util.Objects;
import java.util.Optional;

/**
 * The prefix a store is confined to, and the check that keeps every name under it.
 *
 * <p>The store reads {@code prefix + name}: with prefix {@code tenzir/}, name {@code db} reads
 * {@code tenzir/db}. The prefix is a plain string prefix, so end it with {@code /} to confine the
 * store to a folder; {@code tenzir} would also reach {@code tenzir-other/db}.
 *
 * <p>A name is rejected before any I/O when it could leave the prefix on a backend that resolves
 * paths or ARNs:
 * <ul>
 *   <li>it starts with {@code /};
 *   <li>it has a {@code .} or {@code ..} segment, counting the
 *       segment the prefix and the name share when the prefix does not end with {@code /};
 *   <li>it is {@code arn} in any case: the text {@code arn:aws:...} parses as name {@code arn}
 *       with a JSON field, so a full ARN reaches the store as that name.
 * </ul>
 * Empty segments, as in {@code a//b}, are allowed: names are flat strings in the stores this SDK
 * supports, so {@code //} cannot climb out of the prefix, and such names must stay reachable.
 * Prefix and name together must also be a valid name of at most {@value SecretName#MAX_LENGTH}
 * characters. Immutable and thread-safe.
 */
public final class Prefix {

    private final String value;
    private final String storeName;

    private Prefix(String value, String storeName) {
        this.value = value;
        this.storeName = storeName;
    }

    /**
     * Checks {@code value} and returns it as a prefix of store {@code storeName}.
     *
     * @throws IllegalArgumentException with the problem, when the prefix is empty, has
     *     {@value SecretName#MAX_LENGTH} characters or more, has characters a name cannot have, or
     *     has a {@code .} or {@code ..} segment before its last {@code /}
     */
    public static Prefix of(String value, String storeName) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(storeName, "storeName");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty; leave the option out for no prefix");
        }
        if (value.length() >= SecretName.MAX_LENGTH) {
            throw new IllegalArgumentException("has " + value.length() + " characters but must be shorter than "
                    + SecretName.MAX_LENGTH + ", the maximum length of a name");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!SecretName.isAllowedChar(value.charAt(i))) {
                throw new IllegalArgumentException("has character '" + value.charAt(i) + "' at position " + (i + 1)
                        + "; use only A-Z a-z 0-9 " + SecretName.ALLOWED_PUNCTUATION);
            }
        }
        String body = value.startsWith("/") ? value.substring(1) : value;
        int lastSlash = body.lastIndexOf('/');
        String wholeSegments = lastSlash < 0 ? "" : body.substring(0, lastSlash + 1);
        Optional<String> problem = segmentProblem(wholeSegments);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new Prefix(value, storeName);
    }

    /** Returns the prefix. */
    public String value() {
        return value;
    }

    /**
     * Returns {@code reference} with the prefix put before its name.
     *
     * @throws InvalidSecretNameException if the name would read outside the prefix, or prefix and
     *     name together are not a valid name
     */
    public SecretReference apply(SecretReference reference) {
        return reference.withName(apply(reference.name()));
    }

    /** Returns {@code prefix + name}, checked as {@link #apply(SecretReference)} does. */
    public SecretName apply(SecretName name) {
        String text = name.value();
        if (text.startsWith("/")) {
            throw outside(text, "it starts with '/'");
        }
        if (text.equalsIgnoreCase("arn")) {
            throw outside(text, "it is the start of an ARN, and a store with a prefix reads names, not ARNs");
        }
        String joined = value + text;
        int joinedSegmentStart = value.lastIndexOf('/') + 1;
        Optional<String> problem = segmentProblem(joined.substring(joinedSegmentStart));
        if (problem.isPresent()) {
            throw outside(text, problem.get());
        }
        if (joined.length() > SecretName.MAX_LENGTH) {
            throw new InvalidSecretNameException(text, "Secret name '" + text + "' is too long for store '" + storeName
                    + "': with its prefix '" + value + "' it has " + joined.length() + " characters, the maximum is "
                    + SecretName.MAX_LENGTH + ".");
        }
        return SecretName.of(joined);
    }

    /**
     * Returns the name relative to the prefix, or empty when {@code name} is not under it or
     * {@link #apply(SecretName)} would reject the relative name, so that every name listed can
     * be read.
     */
    public Optional<SecretName> strip(SecretName name) {
        String text = name.value();
        if (!text.startsWith(value) || text.length() == value.length()) {
            return Optional.empty();
        }
        SecretName relative = SecretName.of(text.substring(value.length()));
        try {
            apply(relative);
            return Optional.of(relative);
        } catch (InvalidSecretNameException e) {
            return Optional.empty();
        }
    }

    private InvalidSecretNameException outside(String name, String reason) {
        return new InvalidSecretNameException(name, "Secret reference '" + name + "' is outside the prefix '" + value
                + "' of store '" + storeName + "': " + reason + ". Ask for the name relative to the prefix, "
                + "such as 'db-password' for '" + value + "db-password'.");
    }

    /** Returns what is wrong with the '/'-separated segments of {@code path}, if anything. */
    private static Optional<String> segmentProblem(String path) {
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("it has a '" + segment + "' path segment");
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
