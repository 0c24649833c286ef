package dev.secrets.internal.prefix;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.spi.SecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A writable store confined to a {@link Prefix}. Writes go to {@code prefix + name} and report
 * the name without the prefix; listing shows only the names under the prefix, with the prefix
 * removed.
 */
final class PrefixedStore extends PrefixedResolver implements SecretStore {

    private final SecretStore store;

    PrefixedStore(SecretStore store, Prefix prefix) {
        super(store, prefix);
        this.store = store;
    }

    @Override
    public CompletableFuture<SecretMetadata> add(SecretName name, byte[] value) {
        return write(name, prefixed -> store.add(prefixed, value)).thenApply(metadata -> relative(name, metadata));
    }

    @Override
    public CompletableFuture<SecretMetadata> update(SecretName name, byte[] value) {
        return write(name, prefixed -> store.update(prefixed, value)).thenApply(metadata -> relative(name, metadata));
    }

    @Override
    public CompletableFuture<Void> delete(SecretName name) {
        return write(name, store::delete);
    }

    @Override
    public CompletableFuture<List<SecretMetadata>> list() {
        return store.list().thenApply(all -> {
            List<SecretMetadata> under = new ArrayList<>();
            for (SecretMetadata metadata : all) {
                Optional<SecretName> relative = prefix.strip(metadata.name());
                relative.ifPresent(name -> under.add(relative(name, metadata)));
            }
            return List.copyOf(under);
        });
    }

    private <T> CompletableFuture<T> write(SecretName name, Function<SecretName, CompletableFuture<T>> operation) {
        SecretName prefixed;
        try {
            prefixed = prefix.apply(name);
        } catch (InvalidSecretNameException e) {
            return CompletableFuture.failedFuture(e);
        }
        return operation.apply(prefixed);
    }

    /**
     * Returns {@code metadata} under the name relative to the prefix. An id that is the prefixed
     * name, as in stores without ids of their own, becomes the relative name too, so it can be
     * passed back to this store.
     */
    private static SecretMetadata relative(SecretName name, SecretMetadata metadata) {
        String id = metadata.id().equals(metadata.name().value()) ? name.value() : metadata.id();
        return new SecretMetadata(name, id, metadata.createdAt(), metadata.updatedAt());
    }
}
