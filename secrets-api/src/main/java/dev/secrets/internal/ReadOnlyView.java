package dev.secrets.internal;

import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreCapabilities;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A resolver whose capabilities report read-only; reads pass through. {@link ReadOnlyGuard} adds
 * the rejection of writes for stores. Thread-safe.
 */
class ReadOnlyView implements SecretResolver {

    final SecretResolver delegate;

    ReadOnlyView(SecretResolver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        return delegate.resolve(reference);
    }

    @Override
    public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        return delegate.resolveAll(references);
    }

    @Override
    public StoreCapabilities capabilities() {
        return delegate.capabilities().withReadOnly(true);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
