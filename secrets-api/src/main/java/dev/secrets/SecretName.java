package dev.secrets;

import java.util.Objects;

/**
 * A validated secret name: 1 to 512 characters from {@code A-Z a-z 0-9 / _ + = . @ -}.
 *
 * <p>The character set is the one AWS Secrets Manager accepts, so a name valid here is valid in
 * every store this SDK supports. Names are case-sensitive and compared by their characters.
 *
 * <pre>{@code
 * SecretName name = SecretName.of("team/app/db-password");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SecretName implements Comparable<SecretName> {

    /** Maximum length of a name, in characters. */
    public static final int MAX_LENGTH = 512;

    /** The characters allowed in a name besides ASCII letters and digits. */
    public static final String ALLOWED_PUNCTUATION = "/_+=.@-";

    private final String value;

    private SecretName(String value) {
        this.value = value;
    }

    /**
     * Validates {@code name} and returns it as a {@code SecretName}.
     *
     * @throws InvalidSecretNameException if the name is empty, longer than {@value #MAX_LENGTH}
     *     characters or contains a character outside the allowed set
     */
    public static SecretName of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new InvalidSecretNameException(name, "Invalid secret name: the name is empty. "
                    + "Use 1 to " + MAX_LENGTH + " characters from A-Z a-z 0-9 " + ALLOWED_PUNCTUATION + ".");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidSecretNameException(name, "Invalid secret name " + preview(name) + ": it has "
                    + name.length() + " characters, the maximum is " + MAX_LENGTH + ".");
        }
        int invalid = firstInvalidIndex(name);
        if (invalid >= 0) {
            throw new InvalidSecretNameException(name, "Invalid secret name " + preview(name)
                    + ": character " + describeChar(name, invalid) + " at position " + (invalid + 1)
                    + " is not allowed. Use only A-Z a-z 0-9 " + ALLOWED_PUNCTUATION + ".");
        }
        return new SecretName(name);
    }

    /** Returns whether {@code name} is a valid secret name, without throwing. */
    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && firstInvalidIndex(name) < 0;
    }

    /** Returns whether {@code c} may appear in a secret name. */
    public static boolean isAllowedChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
    }

    private static int firstInvalidIndex(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isAllowedChar(name.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Quotes at most the first 32 characters of a rejected input, because a caller may have pasted
     * a secret value where a name was expected.
     */
    static String preview(String input) {
        StringBuilder quoted = new StringBuilder("'");
        int limit = Math.min(input.length(), 32);
        for (int i = 0; i < limit; i++) {
            char c = input.charAt(i);
            quoted.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        quoted.append(input.length() > 32 ? "'... (" + input.length() + " characters)" : "'");
        return quoted.toString();
    }

    private static String describeChar(String name, int index) {
        int codePoint = name.codePointAt(index);
        String shown = Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                ? "" : "'" + new String(Character.toChars(codePoint)) + "' ";
        return shown + String.format("(U+%04X)", codePoint);
    }

    /** Returns the name as a string. */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(SecretName other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretName && ((SecretName) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Returns the name itself: names are not secret. */
    @Override
    public String toString() {
        return value;
    }
}
