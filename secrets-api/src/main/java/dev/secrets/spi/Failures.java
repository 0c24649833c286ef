package dev.secrets.spi;

import dev.secrets.SecretException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers that turn whatever a future failed with into a {@link SecretException}. */
public final class Failures {

    private Failures() {
    }

    /**
     * Unwraps {@link CompletionException} and {@link ExecutionException} layers and returns the
     * {@link SecretException} inside, or wraps any other throwable in one that says a store failed
     * unexpectedly. The wrapper's message carries only the throwable's class name, because an
     * arbitrary exception message may quote a value.
     */
    public static SecretException toSecretException(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof SecretException) {
            return (SecretException) cause;
        }
        return new SecretException("A secret store failed unexpectedly with " + cause.getClass().getName()
                + "; this is a bug in the store implementation, see the cause for its stack trace.", cause);
    }

    /** Removes {@link CompletionException} and {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
