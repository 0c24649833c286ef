package dev.secrets.internal.file;

import static dev.secrets.internal.file.FileSecretStoreTest.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged, foreign or wrongly keyed store file fails with a typed error and is never overwritten. */
class FileStoreDamageTest {

    private static final SecretName DB = SecretName.of("db-password");

    @TempDir
    Path directory;

    private Path file;

    @BeforeEach
    void writeValidStore() {
        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            join(store.add(DB, "hunter2".getBytes(UTF_8)));
            file = store.file();
        }
    }

    /** Replaces the file with damaged bytes, then checks reads and writes fail and keep them. */
    private <T extends SecretException> T assertRejectedAndUntouched(Class<T> type, UnaryOperator<byte[]> damage)
            throws Exception {
        byte[] damaged = damage.apply(Files.readAllBytes(file));
        Files.write(file, damaged);

        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            T onRead = assertThrows(type, () -> join(store.resolve(SecretReference.of(DB))));
            assertThrows(type, () -> join(store.add(SecretName.of("other"), "x".getBytes(UTF_8))));
            assertThrows(type, () -> join(store.list()));

            assertArrayEquals(damaged, Files.readAllBytes(file));
            assertTrue(onRead.getMessage().contains(file.toString()), onRead.getMessage());
            assertTrue(onRead.getMessage().contains("left untouched"), onRead.getMessage());
            return onRead;
        }
    }

    @Test
    void flippedCiphertextByteIsCorrupt() throws Exception {
        SecretFormatException e = assertRejectedAndUntouched(SecretFormatException.class, bytes -> {
            bytes[bytes.length - 20] ^= 1;
            return bytes;
        });

        assertTrue(e.getMessage().contains("is corrupt: its authentication tag does not match"), e.getMessage());
        assertTrue(e.getMessage().contains("Restore it from a backup"), e.getMessage());
    }

    @Test
    void changedHeaderNonceIsCorrupt() throws Exception {
        SecretFormatException e = assertRejectedAndUntouched(SecretFormatException.class, bytes -> {
            bytes[25] ^= 1;
            return bytes;
        });

        assertTrue(e.getMessage().contains("authentication tag does not match"), e.getMessage());
    }

    @Test
    void truncatedFileIsReportedAsTruncated() throws Exception {
        SecretFormatException e = assertRejectedAndUntouched(SecretFormatException.class,
                bytes -> Arrays.copyOf(bytes, bytes.length - 5));

        assertTrue(e.getMessage().contains("is truncated: its header declares"), e.getMessage());
    }

    @Test
    void fileCutInsideHeaderIsTruncated() throws Exception {
        SecretFormatException e = assertRejectedAndUntouched(SecretFormatException.class,
                bytes -> Arrays.copyOf(bytes, 20));

        assertTrue(e.getMessage().contains("is truncated: it has only 20 bytes"), e.getMessage());
    }

    @Test
    void emptyFileIsTruncated() throws Exception {
        SecretFormatException e = assertRejectedAndUntouched(SecretFormatException.class, bytes -> new byte[0]);

        assertTrue(e.getMessage().contains("is truncated: it is empty"), e.getMessage());
    }

    @Test
    void trailingBytesAreCorrupt() throws Exception {
        SecretFormatException e = assertRejectedAndUntouched(SecretFormatException.class,
                bytes -> Arrays.copyOf(bytes, bytes.length + 3));

        assertTrue(e.getMessage().contains("is corrupt: its header declares"), e.getMessage());
    }

    @Test
    void foreignFileIsNotAStoreFile() throws Exception {
        SecretFormatException e = assertRejectedAndUntouched(SecretFormatException.class,
                bytes -> "{\"secrets\": {\"db-password\": \"plain\"}}\n".getBytes(UTF_8));

        assertTrue(e.getMessage().contains("is not a secret store file"), e.getMessage());
        assertTrue(e.getMessage().contains("Move it away"), e.getMessage());
    }

    @Test
    void newerFormatVersionNamesBothVersions() throws Exception {
        SecretFormatException e = assertRejectedAndUntouched(SecretFormatException.class, bytes -> {
            ByteBuffer.wrap(bytes).putShort(8, (short) 2);
            return bytes;
        });

        assertTrue(e.getMessage().contains("has format version 2, but this SDK reads only version 1"), e.getMessage());
    }

    @Test
    void wrongKeyIsConfigurationError() throws Exception {
        Files.delete(directory.resolve("key"));
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 9);
        byte[] before = Files.readAllBytes(file);

        try (FileSecretStore store = FileSecretStore.builder().directory(directory).key(otherKey).build()) {
            SecretConfigurationException e = assertThrows(SecretConfigurationException.class,
                    () -> join(store.resolve(SecretReference.of(DB))));
            assertThrows(SecretConfigurationException.class, () -> join(store.delete(DB)));

            assertTrue(e.getMessage().contains(file + " was written with a different key"), e.getMessage());
            assertTrue(e.getMessage().contains("Use the key file it was written with"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void renamedStoreFileIsRejected() throws Exception {
        Files.move(file, directory.resolve("other.secrets"));

        try (FileSecretStore store = FileSecretStore.builder().directory(directory).storeName("other").build()) {
            SecretFormatException e = assertThrows(SecretFormatException.class, () -> join(store.list()));

            assertTrue(e.getMessage().contains("contains store 'default', not 'other'"), e.getMessage());
        }
    }

    @Test
    void missingKeyForExistingStoreIsNotRecreated() throws Exception {
        Files.delete(directory.resolve("key"));

        SecretConfigurationException e = assertThrows(SecretConfigurationException.class,
                () -> FileSecretStore.builder().directory(directory).build());

        assertTrue(e.getMessage().contains("The key file " + directory.toRealPath().resolve("key") + " does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains("restore that key file"), e.getMessage());
        assertFalse(Files.exists(directory.resolve("key")));
    }

    @Test
    void abandonedTemporaryFilesAreRemovedOnWrite() throws Exception {
        Path abandoned = directory.resolve(".default.secrets.0123456789abcdef.tmp");
        Files.write(abandoned, new byte[] {1, 2, 3});

        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            join(store.add(SecretName.of("other"), "x".getBytes(UTF_8)));

            assertFalse(Files.exists(abandoned));
            assertEquals(2, join(store.list()).size());
        }
    }
}
