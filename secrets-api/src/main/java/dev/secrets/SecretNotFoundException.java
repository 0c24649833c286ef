package dev.secrets;

import java.util.List;

/** Thrown when no consulted store has the requested secret. Not retryable. */
public class SecretNotFoundException extends SecretException {

    private final List<String> storesConsulted;

    public SecretNotFoundException(String message) {
        this(message, List.of(), null);
    }

    public SecretNotFoundException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    public SecretNotFoundException(String message, List<String> storesConsulted, Throwable cause) {
        super(message, cause, false);
        this.storesConsulted = List.copyOf(storesConsulted);
    }

    /** Returns the names of the stores that were asked, in order; empty when not known. */
    public List<String> storesConsulted() {
        return storesConsulted;
    }
}
