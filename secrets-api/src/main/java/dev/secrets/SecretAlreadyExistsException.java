package dev.secrets;

/** Thrown when {@code add} is called for a name that the store already has. Not retryable. */
public class SecretAlreadyExistsException extends SecretException {

    public SecretAlreadyExistsException(String message) {
        super(message, null, false);
    }
}
