package dev.secrets;

/** Thrown when a store cannot answer now: timeouts, throttling, server errors. Retryable. */
public class SecretStoreUnavailableException extends SecretException {

    public SecretStoreUnavailableException(String message) {
        super(message, null, true);
    }

    public SecretStoreUnavailableException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
