package dev.secrets.testkit.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.CacheStats;
import dev.secrets.InvalidSecretNameException;
import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.spi.Failures;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.ManualTimeSource;
import dev.secrets.testkit.MemorySecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prefix, cache and read-only applied to provider-created stores through configuration alone. */
class ConfiguredStoreOptionsTest {

    private final ManualTimeSource time = new ManualTimeSource();

    @Test
    void defaultCachedProviderIsCached() {
        MemorySecretStore store = MemorySecretStore.builder().secret("db", "one").build();
        RemoteMemoryProvider.register("remote", store);

        try (Secrets secrets = chain(StoreConfig.builder("remote-memory").name("remote").build())) {
            text(secrets, "db");
            text(secrets, "db");

            assertEquals(1, store.calls("db"));
            assertEquals(new CacheStats(1, 1, 1, 0, 0), secrets.cacheStats("remote").orElseThrow());
        }
    }

    @Test
    void defaultCacheCanBeTurnedOff() {
        MemorySecretStore store = MemorySecretStore.builder().secret("db", "one").build();
        RemoteMemoryProvider.register("remote", store);
        StoreConfig config = StoreConfig.builder("remote-memory").name("remote")
                .option("cache", Map.of("enabled", false))
                .build();

        try (Secrets secrets = chain(config)) {
            text(secrets, "db");
            text(secrets, "db");

            assertEquals(2, store.calls("db"));
            assertTrue(secrets.cacheStats("remote").isEmpty());
        }
    }

    @Test
    void arnReferenceIsRejectedBeforeAnyCall() {
        MemorySecretStore store = MemorySecretStore.builder().secret("tenzir/db", "one").build();
        RemoteMemoryProvider.register("remote", store);
        StoreConfig config = StoreConfig.builder("remote-memory").name("remote").option("prefix", "tenzir/").build();

        try (Secrets secrets = chain(config)) {
            InvalidSecretNameException failure = assertThrows(InvalidSecretNameException.class,
                    () -> secrets.resolve("arn:aws:secretsmanager:eu-west-1:123456789012:secret:other/db"));

            assertEquals("Secret reference 'arn' is outside the prefix 'tenzir/' of store 'remote': it is the start "
                    + "of an ARN, and a store with a prefix reads names, not ARNs. Ask for the name relative to the "
                    + "prefix, such as 'db-password' for 'tenzir/db-password'.", failure.getMessage());
            assertEquals(0, store.totalCalls());
        }
    }

    @Test
    void configurationFileWrapsTheMemoryStore(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("secrets.json");
        Files.writeString(file, "{\"stores\": [{\"type\": \"memory\", \"name\": \"vault\", \"prefix\": \"tenzir/\","
                + " \"read-only\": true, \"cache\": {\"ttl\": \"5m\", \"max-entries\": 100},"
                + " \"values\": {\"tenzir/db\": \"inside\", \"tenzir/team/api\": \"key\", \"db\": \"outside\"}}]}");

        try (Secrets secrets = Secrets.builder().environment(Map.of()).timeSource(time).config(file).build()) {
            String first = text(secrets, "db");
            String second = text(secrets, "db");
            SecretStore view = secrets.store("vault").orElseThrow();
            List<SecretMetadata> listed = view.list().join();
            CompletionException write = assertThrows(CompletionException.class,
                    () -> view.add(SecretName.of("new"), "x".getBytes(StandardCharsets.UTF_8)).join());

            assertEquals("inside", first);
            assertEquals("inside", second);
            assertEquals(new CacheStats(1, 1, 1, 0, 0), secrets.cacheStats("vault").orElseThrow());
            assertEquals(List.of("db", "team/api"), listed.stream().map(m -> m.name().value()).toList());
            assertEquals("Cannot add secret 'new': store 'vault' (type 'memory') is read-only. Write to a writable "
                    + "store, such as the workspace's built-in store, or manage the secret in the external system.",
                    ((ReadOnlySecretStoreException) Failures.unwrap(write)).getMessage());
            assertTrue(secrets.stores().get(0).capabilities().readOnly());
        }
    }

    @Test
    void writableCachedStoreWritesUnderThePrefix() {
        StoreConfig config = StoreConfig.builder("memory").name("vault")
                .option("prefix", "team/")
                .option("cache", Map.of("ttl", "5m"))
                .build();

        try (Secrets secrets = chain(config)) {
            SecretStore view = secrets.store("vault").orElseThrow();
            view.add(SecretName.of("db"), "one".getBytes(StandardCharsets.UTF_8)).join();
            String added = text(secrets, "db");
            view.update(SecretName.of("db"), "two".getBytes(StandardCharsets.UTF_8)).join();
            String updated = text(secrets, "db");

            assertEquals("one", added);
            assertEquals("two", updated);
            assertEquals(List.of("db"), view.list().join().stream().map(m -> m.name().value()).toList());
        }
    }

    private Secrets chain(StoreConfig config) {
        return Secrets.builder().environment(Map.of()).timeSource(time).store(config).build();
    }

    private static String text(Secrets secrets, String reference) {
        try (SecretValue value = secrets.resolve(reference)) {
            return value.asString();
        }
    }
}
