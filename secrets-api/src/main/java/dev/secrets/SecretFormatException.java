package dev.secrets;

/**
 * Thrown when a value does not have the form the caller needs: binary where text was required,
 * invalid UTF-8, a missing JSON field, a failed decode step, or a value over the size limit.
 * Not retryable.
 */
public class SecretFormatException extends SecretException {

    public SecretFormatException(String message) {
        super(message, null, false);
    }

    public SecretFormatException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
