package dev.secrets.internal.file;

import dev.secrets.FileSecretStore;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Provides store type {@code file}: a {@link FileSecretStore}.
 *
 * <p>Options: {@code directory} (required), {@code store} (the store's file name, by default
 * {@code default}) and {@code key-file} (by default {@code <directory>/key}).
 */
public final class FileSecretStoreProvider implements SecretResolverProvider {

    @Override
    public String type() {
        return "file";
    }

    @Override
    public SecretResolver create(StoreConfig config) {
        FileSecretStore.Builder builder = FileSecretStore.builder()
                .directory(path(config, "directory", config.requireString("directory")))
                .timeSource(config.timeSource())
                .executor(config.executor());
        String storeName = config.string("store").orElse(FileSecretStore.DEFAULT_STORE_NAME);
        try {
            builder.storeName(storeName);
        } catch (IllegalArgumentException e) {
            throw config.invalid("store", "'" + storeName + "' is not a valid store name; use 1 to 64 characters "
                    + "from A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        config.string("key-file").ifPresent(keyFile -> builder.keyFile(path(config, "key-file", keyFile)));
        return builder.build();
    }

    private static Path path(StoreConfig config, String key, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw config.invalid(key, "'" + value + "' is not a valid path: " + e.getReason());
        }
    }
}
