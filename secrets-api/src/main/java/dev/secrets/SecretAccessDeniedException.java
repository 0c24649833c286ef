package dev.secrets;

/**
 * Thrown when a store denies access to a secret. Many backends, AWS among them, also answer
 * "denied" for a name that does not exist for the caller's identity, so check the name as well as
 * the permissions. Not retryable.
 */
public class SecretAccessDeniedException extends SecretException {

    public SecretAccessDeniedException(String message) {
        super(message, null, false);
    }

    public SecretAccessDeniedException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
