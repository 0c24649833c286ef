package dev.secrets;

/**
 * Thrown when a configuration is invalid: unknown or missing keys, out-of-range values, a store
 * type that no provider on the class path offers. The message names the key's path. Not
 * retryable.
 */
public class SecretConfigurationException extends SecretException {

    public SecretConfigurationException(String message) {
        super(message, null, false);
    }

    public SecretConfigurationException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
