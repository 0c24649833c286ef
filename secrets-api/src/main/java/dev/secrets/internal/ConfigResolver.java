package dev.secrets.internal;

import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreCapabilities;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves secrets from the {@code values} map of its configuration, like the {@code secrets}
 * section of a node's configuration file. Read-only; the map is copied at creation.
 */
final class ConfigResolver implements SecretResolver, ImmediateLookup {

    private final String storeName;
    private volatile boolean closed;
    private final Map<SecretName, byte[]> values;

    ConfigResolver(String storeName, Map<SecretName, byte[]> values) {
        this.storeName = storeName;
        this.values = Map.copyOf(values);
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("Configuration store '" + storeName + "' is closed."));
        }
        if (reference.hasVersion()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        byte[] value = values.get(reference.name());
        return CompletableFuture.completedFuture(value == null ? Optional.empty() : Optional.of(SecretValue.of(value)));
    }

    @Override
    public SecretLookup lookupNow(SecretReference reference) {
        return closed ? null : ImmediateLookup.ofCompleted(resolve(reference));
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public StoreCapabilities capabilities() {
        return StoreCapabilities.READ_ONLY.withMaxBatchSize(Integer.MAX_VALUE);
    }

    /** Shows the store and the number of values; values and their names stay hidden. */
    @Override
    public String toString() {
        return "ConfigResolver[store=" + storeName + ", secrets=" + values.size() + "]";
    }
}
