package dev.secrets.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.spi.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsConfigurationTest {

    private static final String CANARY = "canary-4f1d9b";

    @TempDir
    Path directory;

    @Test
    void geheimFromConfigStore() throws IOException {
        Path file = write("secrets.json", "{\"stores\": [{\"type\": \"config\", \"values\": {\"geheim\": \"s3cr3t\"}}]}");

        try (Secrets secrets = Secrets.builder().environment(Map.of()).config(file).build();
                SecretValue value = secrets.resolve("geheim")) {

            assertEquals("s3cr3t", value.asString());
            assertEquals("config", value.store().orElseThrow());
        }
    }

    @Test
    void geheimFromMemoryStoreInYaml() throws IOException {
        Path file = write("secrets.yaml", "stores:\n  - type: memory\n    values:\n      geheim: \"s3cr3t\"\n");

        try (Secrets secrets = Secrets.builder().environment(Map.of()).config(file).build();
                SecretValue value = secrets.resolve("geheim")) {

            assertEquals("s3cr3t", value.asString());
        }
    }

    @Test
    void nodeOrderEnvThenConfig() throws IOException {
        Path file = write("secrets.yaml", "stores:\n  - type: env\n  - type: config\n    values:\n"
                + "      db-password: from-config\n      other: config-only\n");
        Map<String, String> environment = Map.of("SECRETS__DB_PASSWORD", "from-env");

        try (Secrets secrets = Secrets.builder().environment(environment).config(file).build()) {

            assertEquals("from-env", secrets.resolve("db-password").asString());
            assertEquals("config-only", secrets.resolve("other").asString());
        }
    }

    @Test
    void envVariablePrefixConfigurable() {
        Map<String, String> environment = Map.of("TENZIR_SECRETS__HEC_TOKEN", "t", "SECRETS__HEC_TOKEN", "wrong");
        StoreConfig env = StoreConfig.builder("env").option("variable-prefix", "TENZIR_SECRETS__").build();

        try (Secrets secrets = Secrets.builder().environment(environment).store(env).build()) {

            assertEquals("t", secrets.resolve("hec-token").asString());
        }
    }

    @Test
    void unknownKeyRejectedWithPath() throws IOException {
        Path file = write("secrets.yaml", "stores:\n  - type: env\n  - type: config\n    valeus: {}\n");

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().environment(Map.of()).config(file).build());

        assertTrue(failure.getMessage().contains("Unknown configuration key " + file + ": stores[1].valeus for store type 'config'"),
                failure.getMessage());
    }

    @Test
    void unknownTopLevelKeyRejected() throws IOException {
        Path file = write("secrets.json", "{\"stores\": [], \"store\": []}");

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().config(file));

        assertEquals("Unknown top-level key 'store' in " + file + ". The only top-level key is 'stores'.", failure.getMessage());
    }

    @Test
    void syntaxErrorShowsLineNotContent() throws IOException {
        Path file = write("secrets.json", "{\"stores\": [{\"type\": \"config\", \"values\": {\"a\": \"" + CANARY + "\"}}\n,,]}");

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().config(file));

        assertTrue(failure.getMessage().startsWith("Invalid JSON in configuration file " + file + " at line 2"), failure.getMessage());
        assertFalse(failure.getMessage().contains(CANARY));
    }

    @Test
    void outOfRangeValueRejectedWithPath() {
        StoreConfig config = StoreConfig.builder("config").path("stores[0]").option("limit", 0).build();

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> config.integer("limit", 10, 1, 100));

        assertEquals("Invalid configuration at stores[0].limit: is 0 but must be between 1 and 100.", failure.getMessage());
    }

    @Test
    void tenYearDurationRejectedWithPath() {
        StoreConfig config = StoreConfig.builder("config").path("stores[0]").option("ttl", "3650d").build();

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> config.duration("ttl", java.time.Duration.ZERO, java.time.Duration.ofDays(1)));

        assertEquals("Invalid configuration at stores[0].ttl: is 3650d but must be between 0s and 1d.", failure.getMessage());
    }

    @Test
    void failingStoreClosesThoseCreated() {
        TrackingProvider.CREATED.clear();
        TrackingProvider.CLOSED.clear();
        Secrets.Builder builder = Secrets.builder().environment(Map.of())
                .store(StoreConfig.builder("tracking").name("one").build())
                .store(StoreConfig.builder("tracking").name("two").build())
                .store(StoreConfig.builder("tracking").name("three").option("fail", true).build())
                .store(StoreConfig.builder("tracking").name("four").build());

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class, builder::build);

        assertEquals(List.of("one", "two"), TrackingProvider.CREATED);
        assertEquals(List.of("two", "one"), TrackingProvider.CLOSED);
        assertEquals("Cannot create secret store 'three' (type 'tracking', stores[2]): Tracking store 'three' was told to fail.",
                failure.getMessage());
    }

    @Test
    void linkageErrorStillClosesThoseCreated() {
        TrackingProvider.CREATED.clear();
        TrackingProvider.CLOSED.clear();
        Secrets.Builder builder = Secrets.builder().environment(Map.of())
                .store(StoreConfig.builder("tracking").name("one").build())
                .store(StoreConfig.builder("tracking").name("broken").option("fail-with-linkage-error", true).build());

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class, builder::build);

        assertEquals(List.of("one"), TrackingProvider.CLOSED);
        assertEquals("Cannot create secret store 'broken' (type 'tracking', stores[1]): the provider failed with "
                + "java.lang.NoClassDefFoundError; see the cause", failure.getMessage());
    }

    @Test
    void nullOptionRejectedWithPath() throws IOException {
        Path file = write("secrets.yaml", "stores:\n  - type: config\n    read-only:\n");

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().environment(Map.of()).config(file).build());

        assertTrue(failure.getMessage().contains("Invalid configuration at " + file + ": stores[0].read-only: has no value"),
                failure.getMessage());
    }

    @Test
    void nullNestedOptionRejectedWithPath() {
        Map<String, Object> cache = new java.util.HashMap<>();
        cache.put("ttl", null);
        StoreConfig config = StoreConfig.builder("memory").option("cache", cache).build();

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().environment(Map.of()).store(config).build());

        assertTrue(failure.getMessage().contains("Invalid configuration at stores[0].cache.ttl: has no value"),
                failure.getMessage());
    }

    @Test
    void duplicateKeyRejected() throws IOException {
        Path file = write("secrets.json", "{\"stores\": [{\"type\": \"config\", \"values\": {\"a\": \"x\"}, "
                + "\"values\": {\"b\": \"y\"}}]}");

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().config(file));

        assertTrue(failure.getMessage().contains("a key appears twice in one map"), failure.getMessage());
    }

    @Test
    void noStoresRejected() {
        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().build());

        assertTrue(failure.getMessage().startsWith("No secret stores are configured."), failure.getMessage());
    }

    @Test
    void duplicateStoreNamesRejected() {
        Secrets.Builder builder = Secrets.builder().environment(Map.of())
                .store(StoreConfig.builder("env").build())
                .store(StoreConfig.builder("env").build());

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class, builder::build);

        assertEquals("Two stores are named 'env' (the second is stores[1]). Give each store a unique 'name'.", failure.getMessage());
    }

    @Test
    void nothingRendersAValue() throws IOException {
        Path file = write("secrets.yaml", "stores:\n  - type: env\n  - type: config\n    values:\n      geheim: " + CANARY + "\n");
        Map<String, String> environment = Map.of("SECRETS__FROM_ENV", CANARY);

        try (Secrets secrets = Secrets.builder().environment(environment).config(file).build()) {
            SecretValue fromEnv = secrets.resolve("from-env");
            SecretValue fromConfig = secrets.resolve("geheim");
            SecretException notFound = assertThrows(SecretNotFoundException.class, () -> secrets.resolve("nothing"));
            SecretException badField = assertThrows(SecretException.class, () -> secrets.resolve("geheim:field"));
            StoreConfig config = StoreConfig.builder("config").option("values", Map.of("geheim", CANARY)).build();

            List<String> renderings = List.of(secrets.toString(), fromEnv.toString(), fromConfig.toString(),
                    notFound.toString(), badField.toString(), config.toString(), secrets.stores().toString(),
                    secrets.lookupAll(List.of(dev.secrets.SecretReference.parse("geheim"))).toString());

            for (String rendering : renderings) {
                assertFalse(rendering.contains(CANARY), "a rendering shows the value: " + rendering);
            }
            assertEquals("***", fromEnv.toString());
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
