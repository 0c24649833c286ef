package dev.secrets;

/** Thrown before any I/O when a write is attempted on a read-only store. Not retryable. */
public class ReadOnlySecretStoreException extends SecretException {

    public ReadOnlySecretStoreException(String message) {
        super(message, null, false);
    }
}
