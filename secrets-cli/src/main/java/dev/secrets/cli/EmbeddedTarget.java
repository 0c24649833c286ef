package dev.secrets.cli;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.spi.Failures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded default: the encrypted file store {@code default} in {@code $SECRETS_HOME}, created
 * on first use. Other file stores in that directory can be listed with {@code --store}.
 *
 * <p>There is no platform here to manage external stores, so the store commands that change
 * stores fail with a {@link UsageException} whose message asks for {@code --endpoint}.
 */
final class EmbeddedTarget implements SecretTarget {

    private final Path directory;
    private final FileSecretStore store;

    EmbeddedTarget(Path directory) {
        this.directory = directory;
        this.store = FileSecretStore.builder().directory(directory).build();
    }

    @Override
    public String describe() {
        return "embedded file store '" + store.storeName() + "' (" + store.file() + ")";
    }

    @Override
    public SecretMetadata add(SecretName name, byte[] value) {
        return join(store.add(name, value));
    }

    @Override
    public SecretMetadata update(String nameOrId, byte[] value) {
        return join(store.update(findName(nameOrId), value));
    }

    @Override
    public SecretName delete(String nameOrId) {
        SecretName name = findName(nameOrId);
        join(store.delete(name));
        return name;
    }

    @Override
    public List<SecretMetadata> list(Optional<String> storeName) {
        if (storeName.isEmpty() || storeName.get().equals(store.storeName())) {
            return join(store.list());
        }
        List<String> existing = FileSecretStore.storeNames(directory);
        if (!existing.contains(storeName.get())) {
            throw new SecretNotFoundException("There is no store '" + storeName.get() + "' in " + directory
                    + ". Stores here: " + (existing.isEmpty() ? "none yet" : String.join(", ", existing)) + ".");
        }
        try (FileSecretStore other = FileSecretStore.builder().directory(directory).storeName(storeName.get()).build()) {
            return join(other.list());
        }
    }

    @Override
    public String addAwsStore(AwsStoreSettings settings) {
        throw needsPlatform("secret store add");
    }

    /** Lists the file stores in the directory; {@code default} is the default and always shown. */
    @Override
    public List<StoreRow> listStores() {
        List<StoreRow> rows = new ArrayList<>();
        rows.add(new StoreRow(store.storeName(), store.storeName(), "built-in", true));
        for (String name : FileSecretStore.storeNames(directory)) {
            if (!name.equals(store.storeName())) {
                rows.add(new StoreRow(name, name, "file", false));
            }
        }
        return rows;
    }

    @Override
    public void setDefaultStore(String storeId) {
        throw needsPlatform("secret store set-default");
    }

    @Override
    public void deleteStore(String storeId) {
        throw needsPlatform("secret store delete");
    }

    @Override
    public void close() {
        store.close();
    }

    /** Treats the argument as an id when a secret has that id, and as a name otherwise. */
    private SecretName findName(String nameOrId) {
        for (SecretMetadata metadata : join(store.list())) {
            if (metadata.id().equals(nameOrId)) {
                return metadata.name();
            }
        }
        return SecretName.of(nameOrId);
    }

    private static UsageException needsPlatform(String command) {
        return new UsageException("'" + command + "' manages the stores of a platform workspace and needs one: pass "
                + "--endpoint, --user-key and --workspace (or set SECRETS_PLATFORM_ENDPOINT, SECRETS_USER_KEY and "
                + "SECRETS_WORKSPACE). The embedded default has only its built-in file store. To resolve from AWS "
                + "Secrets Manager without a platform, list an aws store in a file for 'secrets resolve --config'.");
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            throw Failures.toSecretException(e);
        }
    }
}
