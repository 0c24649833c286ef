package dev.secrets.internal;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreCapabilities;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a store read-only: reads and listing pass through, and {@code add}, {@code update} and
 * {@code delete} fail with {@link ReadOnlySecretStoreException} before the wrapped store is
 * touched.
 */
public final class ReadOnlyGuard implements SecretStore {

    private final SecretResolver delegate;
    private final String storeName;
    private final String storeType;

    public ReadOnlyGuard(SecretResolver delegate, String storeName, String storeType) {
        this.delegate = delegate;
        this.storeName = storeName;
        this.storeType = storeType;
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
    public CompletableFuture<SecretMetadata> add(SecretName name, byte[] value) {
        return CompletableFuture.failedFuture(rejected("add", name));
    }

    @Override
    public CompletableFuture<SecretMetadata> update(SecretName name, byte[] value) {
        return CompletableFuture.failedFuture(rejected("update", name));
    }

    @Override
    public CompletableFuture<Void> delete(SecretName name) {
        return CompletableFuture.failedFuture(rejected("delete", name));
    }

    @Override
    public CompletableFuture<List<SecretMetadata>> list() {
        if (delegate instanceof SecretStore) {
            return ((SecretStore) delegate).list();
        }
        return CompletableFuture.failedFuture(new SecretConfigurationException("Store '" + storeName + "' (type '"
                + storeType + "') cannot list its secrets."));
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Returns the wrapped resolver. */
    public SecretResolver delegate() {
        return delegate;
    }

    private ReadOnlySecretStoreException rejected(String operation, SecretName name) {
        return new ReadOnlySecretStoreException("Cannot " + operation + " secret '" + name + "': store '" + storeName
                + "' (type '" + storeType + "') is read-only. Write to a writable store, such as the workspace's "
                + "built-in store, or manage the secret in the external system.");
    }

    @Override
    public String toString() {
        return "ReadOnlyGuard[" + delegate + "]";
    }
}
