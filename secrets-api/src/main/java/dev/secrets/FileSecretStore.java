package dev.secrets;

import dev.secrets.internal.file.AtomicFiles;
import dev.secrets.internal.file.FileStoreOperations;
import dev.secrets.internal.file.StoreFiles;
import dev.secrets.internal.file.StoreKey;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreCapabilities;
import dev.secrets.spi.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A writable secret store kept in one encrypted file: the embedded default of the
 * {@code secrets} command, and store type {@code file} in configurations.
 *
 * <pre>{@code
 * try (FileSecretStore store = FileSecretStore.builder()
 *         .directory(Path.of(System.getProperty("user.home"), ".local/share/secrets"))
 *         .build()) {
 *     store.add(SecretName.of("db-password"), "s3cr3t".getBytes(UTF_8)).join();
 * }
 * }</pre>
 *
 * <p>Store {@code <name>} lives in {@code <directory>/<name>.secrets}, encrypted with AES-256-GCM
 * under a versioned, authenticated header and a fresh random nonce for every write. The key comes
 * from a key file (by default {@code <directory>/key}, created with POSIX mode 0600 on first use)
 * or from the caller. Several stores may share one directory and key.
 *
 * <p>Every write holds an exclusive lock on {@code <name>.lock}, reads the current file, and
 * replaces it through a temporary file that is fsynced and atomically renamed. Concurrent writers
 * in any number of threads and processes therefore never lose each other's changes, and a writer
 * killed at any moment leaves either the old or the new file. Reads take no lock and read the file
 * on every call, so they always see the latest committed write.
 *
 * <p>A file that is not a store file, is truncated or corrupt fails with
 * {@link SecretFormatException}; a file written with another key fails with
 * {@link SecretConfigurationException}. Both name the file, and the file is never overwritten.
 *
 * <p>Instances are thread-safe. {@link #close()} wipes the key from memory; later calls fail with
 * {@link IllegalStateException}.
 */
public final class FileSecretStore implements SecretStore {

    /** The default store name. */
    public static final String DEFAULT_STORE_NAME = "default";

    /** The name of the key file in the store directory when no other key is configured. */
    public static final String DEFAULT_KEY_FILE_NAME = "key";

    private final FileStoreOperations operations;
    private final Executor executor;

    private FileSecretStore(FileStoreOperations operations, Executor executor) {
        this.operations = operations;
        this.executor = executor;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the names of the stores that have a file in {@code directory}, sorted; empty when
     * the directory does not exist.
     *
     * @throws SecretStoreUnavailableException if the directory cannot be listed
     */
    public static List<String> storeNames(Path directory) {
        try {
            return StoreFiles.storeNames(directory);
        } catch (IOException e) {
            throw new SecretStoreUnavailableException("The directory " + directory + " could not be listed: " + e
                    + ". Check that it is readable.", e);
        }
    }

    /** Returns the store's name, which is also its file name without {@code .secrets}. */
    public String storeName() {
        return operations.storeName();
    }

    /** Returns the path of the encrypted store file; it exists after the first write. */
    public Path file() {
        return operations.file();
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        Objects.requireNonNull(reference, "reference");
        operations.checkOpen();
        return CompletableFuture.supplyAsync(() -> operations.resolve(reference), executor);
    }

    /** Looks up every reference with one read of the file. */
    @Override
    public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        Set<SecretReference> copy = Set.copyOf(references);
        operations.checkOpen();
        return CompletableFuture.supplyAsync(() -> operations.resolveAll(copy), executor);
    }

    /** Returns read-write capabilities without versions; a batch of any size takes one file read. */
    @Override
    public StoreCapabilities capabilities() {
        return StoreCapabilities.READ_WRITE.withMaxBatchSize(Integer.MAX_VALUE);
    }

    @Override
    public CompletableFuture<SecretMetadata> add(SecretName name, byte[] value) {
        Objects.requireNonNull(name, "name");
        operations.checkOpen();
        byte[] copy;
        try {
            copy = operations.checkedCopy(name, value);
        } catch (SecretFormatException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.supplyAsync(() -> operations.add(name, copy), executor);
    }

    @Override
    public CompletableFuture<SecretMetadata> update(SecretName name, byte[] value) {
        Objects.requireNonNull(name, "name");
        operations.checkOpen();
        byte[] copy;
        try {
            copy = operations.checkedCopy(name, value);
        } catch (SecretFormatException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.supplyAsync(() -> operations.update(name, copy), executor);
    }

    @Override
    public CompletableFuture<Void> delete(SecretName name) {
        Objects.requireNonNull(name, "name");
        operations.checkOpen();
        return CompletableFuture.runAsync(() -> operations.delete(name), executor);
    }

    @Override
    public CompletableFuture<List<SecretMetadata>> list() {
        operations.checkOpen();
        return CompletableFuture.supplyAsync(operations::list, executor);
    }

    /** Wipes the key from memory after the operations in progress finish. Idempotent. */
    @Override
    public void close() {
        operations.close();
    }

    /** Returns the store type, name, file and key source; never the key. */
    @Override
    public String toString() {
        return "FileSecretStore[store=" + storeName() + ", file=" + file() + ", key=" + operations.keySource() + "]";
    }

    /**
     * Builds a {@link FileSecretStore}. Not thread-safe.
     *
     * <p>{@link #build()} creates the directory (mode 0700) and the key file when they do not
     * exist; the store file itself is created by the first write.
     */
    public static final class Builder {

        private Path directory;
        private String storeName = DEFAULT_STORE_NAME;
        private Path keyFile;
        private byte[] key;
        private TimeSource timeSource = TimeSource.system();
        private Executor executor = Runnable::run;

        private Builder() {
        }

        /** Sets the directory that contains the store file. Required. */
        public Builder directory(Path value) {
            this.directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /**
         * Sets the store's name, which names its file. By default, {@code default}.
         *
         * @throws IllegalArgumentException unless the name is 1 to 64 characters from
         *     {@code A-Z a-z 0-9 . _ -} and starts with a letter or digit
         */
        public Builder storeName(String value) {
            Objects.requireNonNull(value, "storeName");
            if (!StoreFiles.STORE_NAME.matcher(value).matches()) {
                throw new IllegalArgumentException("Invalid store name '" + value + "': use 1 to 64 characters from "
                        + "A-Z a-z 0-9 . _ - starting with a letter or digit.");
            }
            this.storeName = value;
            return this;
        }

        /**
         * Sets the key file. By default, {@code <directory>/key}. The file is created with a new
         * random key if neither it nor the store file exists. A missing key file for an existing
         * store is an error, because a new key could not read the store.
         */
        public Builder keyFile(Path value) {
            this.keyFile = Objects.requireNonNull(value, "keyFile");
            return this;
        }

        /**
         * Sets the 256-bit key directly instead of a key file; the array is copied. By default,
         * the key comes from the key file.
         *
         * @throws IllegalArgumentException if the key is not 32 bytes long
         */
        public Builder key(byte[] value) {
            Objects.requireNonNull(value, "key");
            if (value.length != StoreKey.SIZE) {
                throw new IllegalArgumentException("The key must be " + StoreKey.SIZE + " bytes (AES-256), but has "
                        + value.length + " bytes.");
            }
            this.key = value.clone();
            return this;
        }

        /** Sets the clock for the creation and update times. By default, {@link TimeSource#system()}. */
        public Builder timeSource(TimeSource value) {
            this.timeSource = Objects.requireNonNull(value, "timeSource");
            return this;
        }

        /**
         * Sets the executor that runs the file I/O of each operation. By default, the calling
         * thread, so the returned futures are already complete. The store never shuts it down.
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Creates the directory and key file if needed and returns the store.
         *
         * @throws IllegalStateException if no directory was set, or both a key and a key file
         * @throws SecretConfigurationException if the directory or key file cannot be created or
         *     read, or the key file is missing while the store file exists, or is readable by
         *     other users
         */
        public FileSecretStore build() {
            if (directory == null) {
                throw new IllegalStateException("directory is required: call directory(Path) before build()");
            }
            if (key != null && keyFile != null) {
                throw new IllegalStateException("Set either key(byte[]) or keyFile(Path), not both.");
            }
            Path realDirectory = createDirectory(directory);
            StoreFiles files = StoreFiles.of(realDirectory, storeName);
            StoreKey storeKey = key != null ? StoreKey.of(key) : loadKey(realDirectory, files);
            return new FileSecretStore(new FileStoreOperations(files, storeName, storeKey, timeSource), executor);
        }

        private StoreKey loadKey(Path realDirectory, StoreFiles files) {
            Path path = keyFile != null ? keyFile : realDirectory.resolve(DEFAULT_KEY_FILE_NAME);
            return StoreKey.loadOrCreate(path, !files.exists(), "The store file " + files.file()
                    + " exists and cannot be read without the key it was written with: restore that key file, or "
                    + "set the key file option to where it is.");
        }

        private static Path createDirectory(Path directory) {
            try {
                AtomicFiles.createDirectories(directory);
                return directory.toRealPath();
            } catch (IOException e) {
                throw new SecretConfigurationException("The secret store directory " + directory + " could not be "
                        + "created: " + e + ". Choose a directory you can write to.", e);
            }
        }
    }
}
