package dev.secrets.internal;

import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A resolver that can sometimes return a result without I/O: from memory, a cache hit, or its
 * configuration. The chain tries this first for a single reference, so a cache hit costs no
 * future, no executor hand-off and no batch maps.
 */
public interface ImmediateLookup {

    /**
     * Returns the result for {@code reference} (without a JSON field) if it is available at once,
     * or {@code null} when an asynchronous lookup is needed. Never blocks and never does I/O.
     */
    SecretLookup lookupNow(SecretReference reference);

    /**
     * Converts the future of a resolver whose {@code resolve} completes synchronously, or returns
     * {@code null} when it is not complete or failed, so the asynchronous path reports the error.
     */
    static SecretLookup ofCompleted(CompletableFuture<Optional<SecretValue>> answer) {
        if (!answer.isDone() || answer.isCompletedExceptionally()) {
            return null;
        }
        return SecretLookup.of(answer.join());
    }
}
