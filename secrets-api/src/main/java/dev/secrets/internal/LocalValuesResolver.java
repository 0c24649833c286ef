package dev.secrets.internal;

import dev.secrets.SecretException;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreCapabilities;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Base of read-only stores whose values are in memory from creation on, such as environment
 * variables and configuration values. They keep no versions, so a reference that selects a
 * version is not found, and they answer every read synchronously.
 */
abstract class LocalValuesResolver implements SecretResolver, ImmediateLookup {

    private final String description;
    private volatile boolean closed;

    /** @param description the store as messages show it, such as "Environment store 'env'" */
    LocalValuesResolver(String description) {
        this.description = description;
    }

    /**
     * Returns the value stored under {@code name}, or empty.
     *
     * @throws SecretException if the name cannot be read, for example because it is ambiguous
     */
    abstract Optional<SecretValue> read(SecretName name);

    @Override
    public final CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(description + " is closed."));
        }
        if (reference.hasVersion()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        try {
            return CompletableFuture.completedFuture(read(reference.name()));
        } catch (SecretException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public final SecretLookup lookupNow(SecretReference reference) {
        return closed ? null : ImmediateLookup.ofCompleted(resolve(reference));
    }

    @Override
    public final void close() {
        closed = true;
    }

    @Override
    public final StoreCapabilities capabilities() {
        return StoreCapabilities.READ_ONLY.withMaxBatchSize(Integer.MAX_VALUE);
    }
}
