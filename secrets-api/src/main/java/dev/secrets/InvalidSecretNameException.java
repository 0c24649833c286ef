package dev.secrets;

/**
 * Thrown when a name or reference is not valid, or lies outside the prefix a store is limited to.
 * The message quotes at most the first 32 characters of the input, because it may be a secret
 * pasted by mistake. Not retryable.
 */
public class InvalidSecretNameException extends SecretException {

    private final int inputLength;

    public InvalidSecretNameException(String input, String message) {
        super(message, null, false);
        this.inputLength = input == null ? 0 : input.length();
    }

    /** Returns the length of the rejected input, in characters. */
    public int inputLength() {
        return inputLength;
    }
}
