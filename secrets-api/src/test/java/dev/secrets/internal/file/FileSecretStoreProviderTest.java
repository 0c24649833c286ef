package dev.secrets.internal.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretName;
import dev.secrets.Secrets;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretStoreProviderTest {

    @TempDir
    Path directory;

    @Test
    void serviceLoaderFindsFileProvider() {
        boolean found = ServiceLoader.load(SecretResolverProvider.class).stream()
                .anyMatch(provider -> provider.get().type().equals("file"));

        assertTrue(found);
    }

    @Test
    void chainResolvesFromFileStore() {
        try (FileSecretStore store = FileSecretStore.builder().directory(directory).storeName("team").build()) {
            store.add(SecretName.of("geheim"), "value".getBytes(UTF_8)).join();
        }

        try (Secrets secrets = Secrets.builder()
                .store(StoreConfig.builder("file").option("directory", directory.toString()).option("store", "team")
                        .build())
                .environment(Map.of())
                .build()) {
            assertEquals("value", secrets.resolve("geheim").asString());
            assertEquals("file", secrets.stores().get(0).type());
        }
    }

    @Test
    void writableViewAddsThroughChain() {
        try (Secrets secrets = Secrets.builder()
                .store(StoreConfig.builder("file").name("local").option("directory", directory.toString())
                        .option("key-file", directory.resolve("my.key").toString()).build())
                .environment(Map.of())
                .build()) {
            SecretStore store = secrets.store("local").orElseThrow();

            store.add(SecretName.of("geheim"), "value".getBytes(UTF_8)).join();

            assertEquals("value", secrets.resolve("geheim").asString());
            assertTrue(Files.exists(directory.resolve("my.key")));
            assertTrue(Files.exists(directory.resolve("default.secrets")));
        }
    }

    @Test
    void missingDirectoryOptionIsRejected() {
        SecretConfigurationException e = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().store(StoreConfig.builder("file").build()).environment(Map.of()).build());

        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void invalidStoreOptionNamesKey() {
        SecretConfigurationException e = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().store(StoreConfig.builder("file").option("directory", directory.toString())
                        .option("store", "../x").build()).environment(Map.of()).build());

        assertTrue(e.getMessage().contains(".store: '../x' is not a valid store name"), e.getMessage());
    }

    @Test
    void unknownOptionIsRejected() {
        SecretConfigurationException e = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().store(StoreConfig.builder("file").option("directory", directory.toString())
                        .option("keyfile", "x").build()).environment(Map.of()).build());

        assertTrue(e.getMessage().contains("keyfile"), e.getMessage());
    }
}
