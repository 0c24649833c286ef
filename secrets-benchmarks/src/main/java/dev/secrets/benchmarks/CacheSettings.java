package dev.secrets.benchmarks;

import dev.secrets.spi.TimeSource;
import java.time.Duration;
import java.util.Objects;

/**
 * How the contenders with a cache are set up in one benchmark.
 *
 * @param ttl how long this SDK keeps a value fresh, on the clock of {@code timeSource}
 * @param refreshAhead how long before expiry this SDK refreshes in the background; zero for off
 * @param awsCacheItemTtl the AWS caching client's cache item TTL, on the system clock. That client
 *     refreshes an item at a random time between half this TTL and the whole TTL after its load
 * @param maxEntries the maximum number of entries in either cache
 * @param timeSource the clock of this SDK's cache
 */
public record CacheSettings(Duration ttl, Duration refreshAhead, Duration awsCacheItemTtl, int maxEntries,
        TimeSource timeSource) {

    public CacheSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(refreshAhead, "refreshAhead");
        Objects.requireNonNull(awsCacheItemTtl, "awsCacheItemTtl");
        Objects.requireNonNull(timeSource, "timeSource");
    }

    /** Returns settings where nothing expires during a benchmark: a TTL of one hour on the system clock. */
    public static CacheSettings noExpiry(int maxEntries) {
        Duration hour = Duration.ofHours(1);
        return new CacheSettings(hour, Duration.ZERO, hour, maxEntries, TimeSource.system());
    }
}
