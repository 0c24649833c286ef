package dev.secrets;

/**
 * Root of every exception this SDK throws for a secret operation.
 *
 * <p>Messages name the reference, the store and the backend's error code where they are known,
 * and say what to do next. No message ever contains a resolved value.
 */
public class SecretException extends RuntimeException {

    private final boolean retryable;

    public SecretException(String message) {
        this(message, null, false);
    }

    public SecretException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public SecretException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * Returns whether the same call may succeed later without a change of input or configuration,
     * as for timeouts, throttling and server errors.
     */
    public boolean retryable() {
        return retryable;
    }
}
