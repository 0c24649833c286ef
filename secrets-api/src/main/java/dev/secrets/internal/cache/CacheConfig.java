package dev.secrets.internal.cache;

import dev.secrets.CacheOptions;
import dev.secrets.internal.Durations;
import dev.secrets.spi.StoreConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the {@code cache} section of a store's configuration into {@link CacheOptions}.
 *
 * <p>Keys: {@code enabled} (by default, true when the section is present), {@code ttl},
 * {@code max-entries}, {@code refresh-ahead}, {@code stale-if-error}, {@code negative-ttl},
 * {@code retry-delay} and {@code max-retry-delay}, with the defaults and ranges of
 * {@link CacheOptions.Builder}. Every value is checked, and a bad one is rejected with its path,
 * such as {@code stores[2].cache.ttl}.
 */
public final class CacheConfig {

    /** The store option that holds the cache section. */
    public static final String KEY = "cache";

    private CacheConfig() {
    }

    /**
     * Returns the cache options of a store: those of its {@code cache} section, the defaults when
     * the section is absent and the store type is cached by default, or empty for no cache.
     *
     * @throws dev.secrets.SecretConfigurationException naming the path of an invalid key
     */
    public static Optional<CacheOptions> read(StoreConfig config, boolean cachedByDefault) {
        Optional<StoreConfig> section = config.section(KEY);
        if (section.isEmpty()) {
            return cachedByDefault ? Optional.of(CacheOptions.defaults()) : Optional.empty();
        }
        StoreConfig cache = section.get();
        boolean enabled = cache.bool("enabled", true);
        CacheOptions options = readOptions(cache);
        return enabled ? Optional.of(options) : Optional.empty();
    }

    private static CacheOptions readOptions(StoreConfig cache) {
        CacheOptions defaults = CacheOptions.defaults();
        Duration ttl = cache.duration("ttl", CacheOptions.MIN_TTL, CacheOptions.MAX_TTL).orElse(defaults.ttl());
        long maxEntries = cache.integer("max-entries", defaults.maxEntries(), 1, CacheOptions.MAX_ENTRIES_LIMIT);
        Duration refreshAhead = cache.duration("refresh-ahead", Duration.ZERO, CacheOptions.MAX_TTL)
                .orElse(defaults.refreshAhead());
        Duration staleIfError = cache.duration("stale-if-error", Duration.ZERO, CacheOptions.MAX_STALE_IF_ERROR)
                .orElse(defaults.staleIfError());
        Duration negativeTtl = cache.duration("negative-ttl", Duration.ZERO, CacheOptions.MAX_NEGATIVE_TTL)
                .orElse(defaults.negativeTtl());
        Duration retryDelay = cache.duration("retry-delay", CacheOptions.MIN_RETRY_DELAY, CacheOptions.MAX_RETRY_DELAY)
                .orElse(defaults.retryDelay());
        Duration maxRetryDelay = cache.duration("max-retry-delay", CacheOptions.MIN_RETRY_DELAY,
                CacheOptions.MAX_RETRY_DELAY).orElse(defaults.maxRetryDelay());

        if (refreshAhead.compareTo(ttl) >= 0) {
            throw cache.invalid("refresh-ahead", "is " + Durations.format(refreshAhead)
                    + " but must be shorter than ttl (" + Durations.format(ttl) + ")");
        }
        if (maxRetryDelay.compareTo(retryDelay) < 0) {
            throw cache.invalid("max-retry-delay", "is " + Durations.format(maxRetryDelay)
                    + " but must not be shorter than retry-delay (" + Durations.format(retryDelay) + ")");
        }
        return CacheOptions.builder()
                .ttl(ttl)
                .maxEntries(maxEntries)
                .refreshAhead(refreshAhead)
                .staleIfError(staleIfError)
                .negativeTtl(negativeTtl)
                .retryDelay(retryDelay)
                .maxRetryDelay(maxRetryDelay)
                .build();
    }
}
