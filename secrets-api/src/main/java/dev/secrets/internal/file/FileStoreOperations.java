package dev.secrets.internal.file;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.TimeSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The blocking operations behind {@code dev.secrets.FileSecretStore}. Thread-safe: reads take no
 * lock, and writes run under the store's {@link StoreLock}. A read-write lock around every
 * operation keeps {@link #close()} from wiping the key while an operation still uses it.
 */
public final class FileStoreOperations {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_PREFIX = "sec-";

    private final StoreFiles files;
    private final String storeName;
    private final StoreKey key;
    private final TimeSource timeSource;
    private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    public FileStoreOperations(StoreFiles files, String storeName, StoreKey key, TimeSource timeSource) {
        this.files = files;
        this.storeName = storeName;
        this.key = key;
        this.timeSource = timeSource;
    }

    public String storeName() {
        return storeName;
    }

    public Path file() {
        return files.file();
    }

    public String keySource() {
        return key.source();
    }

    /**
     * Copies a value for writing after checking its size, so the caller may reuse its array.
     *
     * @throws SecretFormatException if the value is larger than {@link SecretValue#MAX_SIZE}
     */
    public byte[] checkedCopy(SecretName name, byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length > SecretValue.MAX_SIZE) {
            throw new SecretFormatException("The value for secret '" + name + "' has " + value.length
                    + " bytes, over the limit of " + SecretValue.MAX_SIZE + " bytes. Keep large "
                    + "data elsewhere and store only its key or location as a secret.");
        }
        return value.clone();
    }

    public Optional<SecretValue> resolve(SecretReference reference) {
        checkSupported(reference);
        return read(contents -> contents.get(reference.name()).map(secret -> SecretValue.of(secret.value())));
    }

    public Map<SecretReference, SecretLookup> resolveAll(Set<SecretReference> references) {
        return read(contents -> {
            Map<SecretReference, SecretLookup> results = new HashMap<>();
            for (SecretReference reference : references) {
                results.put(reference, lookup(contents, reference));
            }
            return results;
        });
    }

    public SecretMetadata add(SecretName name, byte[] value) {
        return write(contents -> {
            if (contents.get(name).isPresent()) {
                throw new SecretAlreadyExistsException("The secret '" + name + "' already exists in " + describe()
                        + ". Use update to change its value.");
            }
            Instant now = timeSource.now();
            StoredSecret secret = new StoredSecret(name, newId(contents), now, now, value);
            contents.put(secret);
            return secret.metadata();
        }, value);
    }

    public SecretMetadata update(SecretName name, byte[] value) {
        return write(contents -> {
            StoredSecret existing = contents.get(name).orElseThrow(() -> notFound(name, "add"));
            StoredSecret updated = existing.withValue(value, timeSource.now());
            contents.put(updated);
            return updated.metadata();
        }, value);
    }

    public void delete(SecretName name) {
        write(contents -> {
            if (!contents.remove(name)) {
                throw notFound(name, "list");
            }
            return null;
        }, new byte[0]);
    }

    public List<SecretMetadata> list() {
        return read(contents -> contents.secrets().stream().map(StoredSecret::metadata).toList());
    }

    /**
     * Throws if the store was closed; called before an operation is handed to the executor and
     * again when it runs.
     */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The file store '" + storeName + "' was closed; build a new one.");
        }
    }

    public void close() {
        closeLock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                key.wipe();
            }
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    private SecretLookup lookup(StoreContents contents, SecretReference reference) {
        try {
            checkSupported(reference);
        } catch (InvalidSecretNameException e) {
            return SecretLookup.failed(e);
        }
        return contents.get(reference.name())
                .map(secret -> SecretLookup.found(SecretValue.of(secret.value())))
                .orElse(SecretLookup.notFound());
    }

    private <T> T read(Function<StoreContents, T> query) {
        return guarded(() -> {
            StoreContents contents = files.read(key);
            try {
                return query.apply(contents);
            } finally {
                contents.wipe();
            }
        });
    }

    /**
     * Applies {@code change} to the current contents under the store lock and writes the result.
     * When the change throws, nothing is written. The {@code value} array is wiped in any case,
     * because the contents took ownership of it or the write was abandoned.
     */
    private <T> T write(Function<StoreContents, T> change, byte[] value) {
        try {
            return guarded(() -> files.lock(() -> {
                StoreContents contents = files.read(key);
                try {
                    T result = change.apply(contents);
                    files.write(contents, key);
                    return result;
                } finally {
                    contents.wipe();
                }
            }));
        } finally {
            java.util.Arrays.fill(value, (byte) 0);
        }
    }

    private <T> T guarded(StoreLock.Action<T> action) {
        closeLock.readLock().lock();
        try {
            checkOpen();
            return action.run();
        } catch (AccessDeniedException e) {
            throw new SecretAccessDeniedException("Access to " + e.getFile() + " was denied while using " + describe()
                    + ". Run as the user who owns the store directory.", e);
        } catch (IOException e) {
            throw new SecretStoreUnavailableException("I/O on " + describe() + " failed: " + e + ". Check the disk "
                    + "and the permissions of the store directory.", e);
        } finally {
            closeLock.readLock().unlock();
        }
    }

    private void checkSupported(SecretReference reference) {
        if (reference.hasVersion()) {
            throw new InvalidSecretNameException(reference.toString(), "The reference '" + reference + "' selects a "
                    + "version, but " + describe() + " keeps only the current value. Drop the version stage or id.");
        }
        if (reference.field().isPresent()) {
            throw new InvalidSecretNameException(reference.toString(), "The reference '" + reference + "' selects a "
                    + "JSON field, which stores do not handle. Resolve it through dev.secrets.Secrets, which selects "
                    + "fields itself.");
        }
    }

    private String newId(StoreContents contents) {
        while (true) {
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            String id = ID_PREFIX + HexFormat.of().formatHex(random);
            if (contents.secrets().stream().noneMatch(secret -> secret.id().equals(id))) {
                return id;
            }
        }
    }

    private SecretNotFoundException notFound(SecretName name, String hint) {
        return new SecretNotFoundException("The secret '" + name + "' does not exist in " + describe() + ". "
                + ("add".equals(hint) ? "Use add to create it." : "List the existing names with list."),
                List.of(storeName), null);
    }

    private String describe() {
        return "file store '" + storeName + "' (" + files.file() + ")";
    }
}
