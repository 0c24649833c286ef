package dev.secrets.internal;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretStore;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a store read-only: reads and listing pass through, and {@code add}, {@code update} and
 * {@code delete} fail with {@link ReadOnlySecretStoreException}, naming the store, before the
 * wrapped store is touched. Capabilities report read-only. Thread-safe.
 */
public final class ReadOnlyGuard extends ReadOnlyView implements SecretStore {

    private final SecretStore store;
    private final String storeName;
    private final String storeType;

    public ReadOnlyGuard(SecretStore delegate, String storeName, String storeType) {
        super(delegate);
        this.store = delegate;
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.storeType = Objects.requireNonNull(storeType, "storeType");
    }

    /**
     * Returns {@code resolver} made read-only. A {@link SecretStore} gets a guard. A plain
     * resolver has no write methods, so it is returned as it is when its capabilities already report
     * read-only, and otherwise behind a view that only changes the capabilities.
     */
    public static SecretResolver guard(SecretResolver resolver, String storeName, String storeType) {
        if (resolver instanceof SecretStore) {
            return new ReadOnlyGuard((SecretStore) resolver, storeName, storeType);
        }
        if (resolver.capabilities().readOnly()) {
            return resolver;
        }
        return new ReadOnlyView(resolver);
    }

    /** Returns the resolver inside a guard or view made by {@link #guard}, or {@code resolver} itself. */
    public static SecretResolver unwrap(SecretResolver resolver) {
        return resolver instanceof ReadOnlyView ? ((ReadOnlyView) resolver).delegate : resolver;
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
        return store.list();
    }

    /** Returns the wrapped store. */
    public SecretStore delegate() {
        return store;
    }

    private ReadOnlySecretStoreException rejected(String operation, SecretName name) {
        Objects.requireNonNull(name, "name");
        return new ReadOnlySecretStoreException("Cannot " + operation + " secret '" + name + "': store '" + storeName
                + "' (type '" + storeType + "') is read-only. Write to a writable store, such as the workspace's "
                + "built-in store, or manage the secret in the external system.");
    }
}
