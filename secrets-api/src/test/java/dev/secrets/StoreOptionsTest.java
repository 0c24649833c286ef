package dev.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.spi.StoreConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The shared store options prefix, cache and read-only, read from configuration for any store type. */
class StoreOptionsTest {

    private static Secrets build(Map<String, Object> options) {
        StoreConfig config = StoreConfig.builder("config").options(options).build();
        return Secrets.builder().environment(Map.of()).store(config).build();
    }

    private static String rejection(Map<String, Object> options) {
        return assertThrows(SecretConfigurationException.class, () -> build(options)).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ttl | 3650d | Invalid configuration at stores[0].cache.ttl: is 3650d but must be between 1s and 1d.",
        "ttl | 0s | Invalid configuration at stores[0].cache.ttl: is 0s but must be between 1s and 1d.",
        "ttl | soon | Invalid configuration at stores[0].cache.ttl: 'soon' is not a duration; write it as a number with a unit (500ms, 30s, 5m, 1h, 2d) or in ISO-8601 (PT5M).",
        "ttl | PT-5M | Invalid configuration at stores[0].cache.ttl: 'PT-5M' is negative; durations must be zero or more.",
        "refresh-ahead | 5m | Invalid configuration at stores[0].cache.refresh-ahead: is 5m but must be shorter than ttl (5m).",
        "stale-if-error | 30d | Invalid configuration at stores[0].cache.stale-if-error: is 30d but must be between 0s and 7d.",
        "negative-ttl | 2h | Invalid configuration at stores[0].cache.negative-ttl: is 2h but must be between 0s and 1h.",
        "max-retry-delay | 500ms | Invalid configuration at stores[0].cache.max-retry-delay: is 500ms but must not be shorter than retry-delay (1s).",
    })
    void invalidCacheDurationsAreRejectedWithTheirPath(String key, String value, String problem) {
        String message = rejection(Map.of("cache", Map.of(key, value)));

        assertEquals("Cannot create secret store 'config' (type 'config', stores[0]): " + problem, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-5 | Invalid configuration at stores[0].cache.max-entries: is -5 but must be between 1 and 10000000.",
        "0 | Invalid configuration at stores[0].cache.max-entries: is 0 but must be between 1 and 10000000.",
        "20000000 | Invalid configuration at stores[0].cache.max-entries: is 20000000 but must be between 1 and 10000000.",
    })
    void invalidMaximumSizesAreRejectedWithTheirPath(int value, String problem) {
        String message = rejection(Map.of("cache", Map.of("max-entries", value)));

        assertEquals("Cannot create secret store 'config' (type 'config', stores[0]): " + problem, message);
    }

    @Test
    void unknownCacheKeyIsRejected() {
        String message = rejection(Map.of("cache", Map.of("tll", "5m")));

        assertEquals("Cannot create secret store 'config' (type 'config', stores[0]): Unknown configuration key "
                + "stores[0].cache.tll for store type 'config'. Known keys here: enabled, max-entries, "
                + "max-retry-delay, negative-ttl, refresh-ahead, retry-delay, stale-if-error, ttl. Check the spelling.",
                message);
    }

    @Test
    void cacheThatIsNotAMapIsRejected() {
        String message = rejection(Map.of("cache", "5m"));

        assertEquals("Cannot create secret store 'config' (type 'config', stores[0]): Invalid configuration at "
                + "stores[0].cache: expected a map of options but found a string.", message);
    }

    @Test
    void invalidPrefixIsRejectedWithItsPath() {
        String message = rejection(Map.of("prefix", "tenzir prod/"));

        assertEquals("Cannot create secret store 'config' (type 'config', stores[0]): Invalid configuration at "
                + "stores[0].prefix: has character ' ' at position 7; use only A-Z a-z 0-9 /_+=.@-.", message);
    }

    @Test
    void storeIsNotCachedWithoutACacheSection() {
        try (Secrets secrets = build(Map.of("values", Map.of("db", "one")))) {
            Optional<CacheStats> stats = secrets.cacheStats("config");

            assertTrue(stats.isEmpty());
            assertEquals(CacheStats.EMPTY, secrets.cacheStats());
        }
    }

    @Test
    void disabledCacheIsNotCreated() {
        try (Secrets secrets = build(Map.of("values", Map.of("db", "one"), "cache", Map.of("enabled", false)))) {
            assertTrue(secrets.cacheStats("config").isEmpty());
        }
    }

    @Test
    void anyStoreTypeIsWrappedThroughConfiguration() {
        Map<String, Object> options = Map.of(
                "values", Map.of("tenzir/db", "inside", "db", "outside"),
                "prefix", "tenzir/",
                "cache", Map.of("ttl", "10m"),
                "read-only", true);

        try (Secrets secrets = build(options)) {
            String first = secrets.resolve("db").asString();
            String second = secrets.resolve("db").asString();
            InvalidSecretNameException escape = assertThrows(InvalidSecretNameException.class,
                    () -> secrets.resolve("../db"));

            assertEquals("inside", first);
            assertEquals("inside", second);
            assertEquals(new CacheStats(1, 2, 2, 1, 0), secrets.cacheStats("config").orElseThrow());
            assertTrue(escape.getMessage().startsWith("Secret reference '../db' is outside the prefix 'tenzir/'"));
            assertTrue(secrets.stores().get(0).capabilities().readOnly());
        }
    }

    @Test
    void cacheOptionsBuilderRejectsInvalidValues() {
        CacheOptions.Builder builder = CacheOptions.builder();

        IllegalArgumentException ttl = assertThrows(IllegalArgumentException.class,
                () -> builder.ttl(Duration.ofDays(3650)));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> builder.maxEntries(-1));
        IllegalArgumentException refresh = assertThrows(IllegalArgumentException.class,
                () -> CacheOptions.builder().ttl(Duration.ofMinutes(1)).refreshAhead(Duration.ofMinutes(1)).build());

        assertEquals("ttl is 3650d but must be between 1s and 1d", ttl.getMessage());
        assertEquals("max-entries is -1 but must be between 1 and 10000000", size.getMessage());
        assertEquals("refresh-ahead is 1m but must be shorter than ttl (1m)", refresh.getMessage());
    }

    @Test
    void cacheOptionsDefaultsAreDocumentedValues() {
        CacheOptions defaults = CacheOptions.defaults();

        assertEquals(Duration.ofMinutes(5), defaults.ttl());
        assertEquals(10_000, defaults.maxEntries());
        assertEquals(Duration.ZERO, defaults.refreshAhead());
        assertEquals(Duration.ZERO, defaults.staleIfError());
        assertEquals(Duration.ZERO, defaults.negativeTtl());
        assertEquals(Duration.ofSeconds(1), defaults.retryDelay());
        assertEquals(Duration.ofMinutes(1), defaults.maxRetryDelay());
    }
}
