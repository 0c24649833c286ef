package dev.secrets.internal.file;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretName;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The decrypted contents of one store file: its store name and its secrets, sorted by name.
 * Not thread-safe; each operation works on its own instance and wipes it afterwards.
 *
 * <p>The encoding is binary and big-endian: the store name, a secret count, then per secret its
 * name, id, creation and update time (epoch seconds and nanoseconds) and value. Strings are a
 * 2-byte length followed by UTF-8. The exact size is computed first, so the plaintext exists in
 * one array only, which the caller zeroes after encryption.
 */
final class StoreContents {

    private final String storeName;
    private final Map<SecretName, StoredSecret> secrets = new TreeMap<>();

    StoreContents(String storeName) {
        this.storeName = storeName;
    }

    String storeName() {
        return storeName;
    }

    Optional<StoredSecret> get(SecretName name) {
        return Optional.ofNullable(secrets.get(name));
    }

    Collection<StoredSecret> secrets() {
        return secrets.values();
    }

    /** Adds or replaces a secret, wiping the value of the one it replaces. */
    void put(StoredSecret secret) {
        StoredSecret previous = secrets.put(secret.name(), secret);
        if (previous != null && previous != secret) {
            previous.wipe();
        }
    }

    /** Removes a secret and wipes its value; returns whether it was present. */
    boolean remove(SecretName name) {
        StoredSecret removed = secrets.remove(name);
        if (removed != null) {
            removed.wipe();
        }
        return removed != null;
    }

    /** Zeroes every value. */
    void wipe() {
        secrets.values().forEach(StoredSecret::wipe);
    }

    byte[] encode() {
        byte[] storeNameBytes = utf8(storeName);
        int size = 2 + storeNameBytes.length + 4;
        for (StoredSecret secret : secrets.values()) {
            size += 2 + utf8(secret.name().value()).length + 2 + utf8(secret.id()).length + 2 * (8 + 4)
                    + 4 + secret.value().length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        putString(buffer, storeNameBytes);
        buffer.putInt(secrets.size());
        for (StoredSecret secret : secrets.values()) {
            putString(buffer, utf8(secret.name().value()));
            putString(buffer, utf8(secret.id()));
            putInstant(buffer, secret.createdAt());
            putInstant(buffer, secret.updatedAt());
            buffer.putInt(secret.value().length);
            buffer.put(secret.value());
        }
        return buffer.array();
    }

    /**
     * Decodes authenticated plaintext. The bytes passed GCM authentication, so a failure here
     * means the file was written by a different format revision or a faulty writer.
     *
     * @throws SecretFormatException naming {@code file} if the bytes do not decode
     */
    static StoreContents decode(byte[] plaintext, Path file) {
        ByteBuffer buffer = ByteBuffer.wrap(plaintext);
        try {
            StoreContents contents = new StoreContents(getString(buffer));
            int count = buffer.getInt();
            if (count < 0) {
                throw new IllegalArgumentException("negative secret count");
            }
            for (int i = 0; i < count; i++) {
                SecretName name = SecretName.of(getString(buffer));
                String id = getString(buffer);
                Instant createdAt = getInstant(buffer);
                Instant updatedAt = getInstant(buffer);
                byte[] value = new byte[buffer.getInt()];
                buffer.get(value);
                contents.put(new StoredSecret(name, id, createdAt, updatedAt, value));
            }
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " bytes after the last secret");
            }
            return contents;
        } catch (BufferUnderflowException | NegativeArraySizeException | IllegalArgumentException
                | DateTimeException | InvalidSecretNameException e) {
            throw new SecretFormatException("The secret store file " + file + " decrypted correctly but its contents "
                    + "are malformed (" + e.getClass().getSimpleName() + "). It was left untouched. It was probably "
                    + "written by a different version of this SDK; open it with that version, or restore a backup.", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer buffer, byte[] bytes) {
        buffer.putShort((short) bytes.length);
        buffer.put(bytes);
    }

    private static String getString(ByteBuffer buffer) {
        byte[] bytes = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void putInstant(ByteBuffer buffer, Instant instant) {
        buffer.putLong(instant.getEpochSecond());
        buffer.putInt(instant.getNano());
    }

    private static Instant getInstant(ByteBuffer buffer) {
        return Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
    }
}
