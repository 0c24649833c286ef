package dev.secrets.internal.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.FileSecretStore;
import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.Failures;
import dev.secrets.spi.SecretLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class FileSecretStoreTest {

    private static final SecretName DB = SecretName.of("db-password");

    @TempDir
    Path directory;

    private final SteppingTimeSource time = new SteppingTimeSource();

    private FileSecretStore open() {
        return FileSecretStore.builder().directory(directory).timeSource(time).build();
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            throw Failures.toSecretException(e);
        }
    }

    static String text(Optional<SecretValue> value) {
        return value.orElseThrow().asString();
    }

    @Test
    void addThenResolveReturnsValue() {
        try (FileSecretStore store = open()) {
            join(store.add(DB, "hunter2".getBytes(UTF_8)));

            Optional<SecretValue> value = join(store.resolve(SecretReference.of(DB)));

            assertEquals("hunter2", text(value));
        }
    }

    @Test
    void valuePersistsAcrossInstances() {
        try (FileSecretStore store = open()) {
            join(store.add(DB, "hunter2".getBytes(UTF_8)));
        }

        try (FileSecretStore reopened = open()) {
            assertEquals("hunter2", text(join(reopened.resolve(SecretReference.of(DB)))));
        }
    }

    @Test
    void missingNameResolvesEmpty() {
        try (FileSecretStore store = open()) {
            assertTrue(join(store.resolve(SecretReference.parse("absent"))).isEmpty());
        }
    }

    @Test
    void addRecordsIdAndTimestamps() {
        try (FileSecretStore store = open()) {
            SecretMetadata added = join(store.add(DB, "one".getBytes(UTF_8)));
            time.advance(Duration.ofMinutes(5));

            SecretMetadata updated = join(store.update(DB, "two".getBytes(UTF_8)));

            assertTrue(added.id().matches("sec-[0-9a-f]{16}"), added.id());
            assertEquals(added.id(), updated.id());
            assertEquals(Optional.of(SteppingTimeSource.START), added.createdAt());
            assertEquals(Optional.of(SteppingTimeSource.START), updated.createdAt());
            assertEquals(Optional.of(SteppingTimeSource.START.plus(Duration.ofMinutes(5))), updated.updatedAt());
            assertEquals("two", text(join(store.resolve(SecretReference.of(DB)))));
        }
    }

    @Test
    void listReturnsSortedMetadataWithoutValues() {
        try (FileSecretStore store = open()) {
            join(store.add(SecretName.of("zeta"), "canary-zeta-value".getBytes(UTF_8)));
            join(store.add(SecretName.of("alpha"), "canary-alpha-value".getBytes(UTF_8)));

            List<SecretMetadata> listed = join(store.list());

            assertEquals(List.of("alpha", "zeta"), listed.stream().map(m -> m.name().value()).toList());
            assertFalse(listed.toString().contains("canary"), listed.toString());
        }
    }

    @Test
    void addExistingNameFails() {
        try (FileSecretStore store = open()) {
            join(store.add(DB, "one".getBytes(UTF_8)));

            SecretAlreadyExistsException e = assertThrows(SecretAlreadyExistsException.class,
                    () -> join(store.add(DB, "two".getBytes(UTF_8))));

            assertTrue(e.getMessage().contains("'db-password' already exists"), e.getMessage());
            assertEquals("one", text(join(store.resolve(SecretReference.of(DB)))));
        }
    }

    @Test
    void updateOrDeleteOfMissingNameFails() {
        try (FileSecretStore store = open()) {
            assertThrows(SecretNotFoundException.class, () -> join(store.update(DB, "x".getBytes(UTF_8))));
            SecretNotFoundException e = assertThrows(SecretNotFoundException.class, () -> join(store.delete(DB)));

            assertTrue(e.getMessage().contains("'db-password' does not exist in file store 'default'"), e.getMessage());
        }
    }

    @Test
    void deleteRemovesSecret() {
        try (FileSecretStore store = open()) {
            join(store.add(DB, "one".getBytes(UTF_8)));

            join(store.delete(DB));

            assertTrue(join(store.resolve(SecretReference.of(DB))).isEmpty());
            assertEquals(List.of(), join(store.list()));
        }
    }

    @Test
    void valueOverLimitIsRejectedWithLimit() {
        try (FileSecretStore store = open()) {
            byte[] tooLarge = new byte[SecretValue.MAX_SIZE + 1];

            SecretFormatException e = assertThrows(SecretFormatException.class, () -> join(store.add(DB, tooLarge)));

            assertTrue(e.getMessage().contains("65537 bytes, over the limit of 65536 bytes"), e.getMessage());
            assertFalse(Files.exists(store.file()));
        }
    }

    @Test
    void valueAtLimitIsAccepted() {
        try (FileSecretStore store = open()) {
            byte[] largest = new byte[SecretValue.MAX_SIZE];
            Arrays.fill(largest, (byte) 7);

            join(store.add(DB, largest));

            assertArrayEquals(largest, join(store.resolve(SecretReference.of(DB))).orElseThrow().asBytes());
        }
    }

    @Test
    void callerArrayIsCopied() {
        try (FileSecretStore store = open()) {
            byte[] value = "original".getBytes(UTF_8);
            CompletableFuture<SecretMetadata> added = store.add(DB, value);
            Arrays.fill(value, (byte) 'x');

            join(added);

            assertEquals("original", text(join(store.resolve(SecretReference.of(DB)))));
        }
    }

    @Test
    void binaryValueRoundTrips() {
        try (FileSecretStore store = open()) {
            byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, 10};

            join(store.add(DB, binary));

            assertArrayEquals(binary, join(store.resolve(SecretReference.of(DB))).orElseThrow().asBytes());
        }
    }

    @Test
    void resolveAllReadsBatchOutcomes() {
        try (FileSecretStore store = open()) {
            join(store.add(DB, "one".getBytes(UTF_8)));
            SecretReference found = SecretReference.of(DB);
            SecretReference missing = SecretReference.parse("absent");
            SecretReference versioned = SecretReference.of(DB).withVersionStage("AWSPREVIOUS");

            Map<SecretReference, SecretLookup> results = join(store.resolveAll(Set.of(found, missing, versioned)));

            assertEquals("one", results.get(found).value().asString());
            assertEquals(SecretLookup.Status.NOT_FOUND, results.get(missing).status());
            assertTrue(results.get(versioned).failure() instanceof InvalidSecretNameException);
        }
    }

    @Test
    void referenceWithVersionOrFieldIsRejected() {
        try (FileSecretStore store = open()) {
            Executable versioned = () -> join(store.resolve(SecretReference.of(DB).withVersionId("v1")));
            Executable field = () -> join(store.resolve(SecretReference.parse("db-password:user")));

            assertTrue(assertThrows(InvalidSecretNameException.class, versioned).getMessage()
                    .contains("keeps only the current value"));
            assertTrue(assertThrows(InvalidSecretNameException.class, field).getMessage()
                    .contains("selects a JSON field"));
        }
    }

    @Test
    void everyWriteUsesFreshNonce() throws Exception {
        try (FileSecretStore store = open()) {
            join(store.add(DB, "same".getBytes(UTF_8)));
            byte[] first = Files.readAllBytes(store.file());

            join(store.update(DB, "same".getBytes(UTF_8)));
            byte[] second = Files.readAllBytes(store.file());

            assertNotEquals(Arrays.toString(Arrays.copyOfRange(first, 20, 32)),
                    Arrays.toString(Arrays.copyOfRange(second, 20, 32)));
        }
    }

    @Test
    void fileNeverContainsPlaintext() throws Exception {
        try (FileSecretStore store = open()) {
            join(store.add(DB, "canary-plaintext-value".getBytes(UTF_8)));

            String raw = new String(Files.readAllBytes(store.file()), java.nio.charset.StandardCharsets.ISO_8859_1);

            assertFalse(raw.contains("canary-plaintext-value"));
            assertFalse(raw.contains("db-password"));
        }
    }

    @Test
    void storesInOneDirectoryAreSeparate() {
        try (FileSecretStore first = open();
                FileSecretStore second = FileSecretStore.builder().directory(directory).storeName("team-b").build()) {
            join(first.add(DB, "one".getBytes(UTF_8)));

            join(second.add(DB, "two".getBytes(UTF_8)));

            assertEquals("one", text(join(first.resolve(SecretReference.of(DB)))));
            assertEquals("two", text(join(second.resolve(SecretReference.of(DB)))));
            assertEquals(List.of("default", "team-b"), FileSecretStore.storeNames(directory));
        }
    }

    @Test
    void suppliedKeyNeedsNoKeyFile() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        try (FileSecretStore store = FileSecretStore.builder().directory(directory).key(key).build()) {
            join(store.add(DB, "one".getBytes(UTF_8)));
        }

        try (FileSecretStore reopened = FileSecretStore.builder().directory(directory).key(key).build()) {
            assertEquals("one", text(join(reopened.resolve(SecretReference.of(DB)))));
        }
        assertFalse(Files.exists(directory.resolve("key")));
    }

    @Test
    void builderRejectsBadSettings() {
        FileSecretStore.Builder builder = FileSecretStore.builder();

        assertThrows(IllegalArgumentException.class, () -> builder.key(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> builder.storeName("../escape"));
        assertThrows(IllegalArgumentException.class, () -> builder.storeName(".hidden"));
        assertThrows(IllegalStateException.class, builder::build);
        IllegalStateException both = assertThrows(IllegalStateException.class, () -> FileSecretStore.builder()
                .directory(directory).key(new byte[32]).keyFile(directory.resolve("k")).build());
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void closedStoreRejectsCalls() {
        FileSecretStore store = open();

        store.close();
        store.close();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> join(store.resolve(SecretReference.of(DB))));
        assertTrue(e.getMessage().contains("was closed"), e.getMessage());
    }

    @Test
    void toStringShowsFileButNotKey() throws Exception {
        try (FileSecretStore store = open()) {
            String key = Files.readString(directory.resolve("key")).trim();

            String shown = store.toString();

            assertTrue(shown.contains(store.file().toString()), shown);
            assertFalse(shown.contains(key), shown);
        }
    }
}
