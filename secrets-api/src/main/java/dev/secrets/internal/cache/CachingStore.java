package dev.secrets.internal.cache;

import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.spi.SecretStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A cache in front of a writable store. Writes pass through; when one completes, successfully or
 * not, the cached entries of every version of the written name are dropped, so the next read asks
 * the store. Listing is never cached.
 */
final class CachingStore extends CachingResolver implements SecretStore {

    private final SecretStore store;

    CachingStore(SecretStore store, Context context) {
        super(store, context);
        this.store = store;
    }

    @Override
    public CompletableFuture<SecretMetadata> add(SecretName name, byte[] value) {
        return store.add(name, value).whenComplete((metadata, failure) -> invalidate(name));
    }

    @Override
    public CompletableFuture<SecretMetadata> update(SecretName name, byte[] value) {
        return store.update(name, value).whenComplete((metadata, failure) -> invalidate(name));
    }

    @Override
    public CompletableFuture<Void> delete(SecretName name) {
        return store.delete(name).whenComplete((ignored, failure) -> invalidate(name));
    }

    @Override
    public CompletableFuture<List<SecretMetadata>> list() {
        return store.list();
    }
}
