package dev.secrets.spi;

import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A store that can be asked for secrets: the service provider interface that every store type
 * implements.
 *
 * <p>Both methods are asynchronous. A reference the store does not have is an empty result, never
 * an exception; every other problem completes the future exceptionally with a
 * {@link dev.secrets.SecretException} subtype. References reach a resolver without a JSON field,
 * because the chain selects fields itself.
 *
 * <p>Implementations must be thread-safe, must not hold a monitor during network I/O, and must
 * not close clients that the caller passed in.
 */
public interface SecretResolver extends AutoCloseable {

    /** Looks up one reference; the future holds an empty optional when the store lacks it. */
    CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference);

    /**
     * Looks up several references, returning one {@link SecretLookup} per reference so that one
     * failure does not hide the other results. The future completes exceptionally only when the
     * whole batch failed, for example because the store is unreachable.
     *
     * <p>The default implementation calls {@link #resolve} for each reference concurrently.
     * Stores with a batch API override it.
     */
    default CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        List<SecretReference> ordered = List.copyOf(references);
        Map<SecretReference, CompletableFuture<SecretLookup>> pending = new HashMap<>();
        for (SecretReference reference : ordered) {
            pending.put(reference, resolve(reference).handle(SecretResolver::toLookup));
        }
        return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    Map<SecretReference, SecretLookup> results = new HashMap<>();
                    pending.forEach((reference, future) -> results.put(reference, future.join()));
                    return results;
                });
    }

    /** Returns what this store can do. */
    StoreCapabilities capabilities();

    /** Releases what the store owns. The default does nothing. Must not throw checked exceptions. */
    @Override
    default void close() {
    }

    private static SecretLookup toLookup(Optional<SecretValue> value, Throwable failure) {
        if (failure == null) {
            return SecretLookup.of(value);
        }
        return SecretLookup.failed(Failures.toSecretException(failure));
    }
}
