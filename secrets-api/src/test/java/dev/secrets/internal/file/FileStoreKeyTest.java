package dev.secrets.internal.file;

import static dev.secrets.internal.file.FileSecretStoreTest.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreKeyTest {

    @TempDir
    Path root;

    @BeforeEach
    void requirePosix() {
        assumeTrue(AtomicFiles.isPosix(root), "POSIX permissions are not supported here");
    }

    @Test
    void keyFileIsCreatedWithMode0600() throws Exception {
        Path directory = root.resolve("home/secrets");

        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            join(store.add(SecretName.of("a"), "x".getBytes(UTF_8)));

            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("key"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        }
    }

    @Test
    void keyFileContainsBase64Key() throws Exception {
        try (FileSecretStore store = FileSecretStore.builder().directory(root).build()) {
            String text = Files.readString(root.resolve("key"));

            assertTrue(text.endsWith("\n"));
            assertEquals(32, Base64.getDecoder().decode(text.trim()).length);
            try (Stream<Path> files = Files.list(root)) {
                assertEquals(List.of("key"), files.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    @Test
    void keyFileReadableByGroupIsRejected() throws Exception {
        FileSecretStore.builder().directory(root).build().close();
        Path keyFile = root.resolve("key");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));

        SecretConfigurationException e = assertThrows(SecretConfigurationException.class,
                () -> FileSecretStore.builder().directory(root).build());

        assertTrue(e.getMessage().contains("is accessible by other users (mode rw-r-----)"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600 " + keyFile.toRealPath()), e.getMessage());
    }

    @Test
    void malformedKeyFileIsRejected() throws Exception {
        Path keyFile = root.resolve("custom.key");
        Files.writeString(keyFile, "not base64 at all\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        SecretConfigurationException e = assertThrows(SecretConfigurationException.class,
                () -> FileSecretStore.builder().directory(root).keyFile(keyFile).build());

        assertTrue(e.getMessage().contains(keyFile + " does not contain a 32-byte key in base64"), e.getMessage());
    }

    @Test
    void racingBuildersAgreeOnOneKey() throws Exception {
        int builders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(builders);
        try {
            Callable<String> build = () -> {
                start.await();
                try (FileSecretStore store = FileSecretStore.builder().directory(root).build()) {
                    return store.toString();
                }
            };
            List<Future<String>> results = Stream.generate(() -> pool.submit(build)).limit(builders).toList();
            start.countDown();
            for (Future<String> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }

        try (Stream<Path> files = Files.list(root)) {
            assertEquals(Set.of("key"), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }
}
