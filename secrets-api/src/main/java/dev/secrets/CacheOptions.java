package dev.secrets;

import dev.secrets.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How the cache in front of one store behaves. A configuration file sets the same options under a
 * store's {@code cache} key, with the same names in kebab case:
 *
 * <pre>{@code
 * cache: { ttl: 5m, refresh-ahead: 1m, max-entries: 10000, stale-if-error: 1h, negative-ttl: 30s }
 * }</pre>
 *
 * <p>For a resolver the caller created, pass the options to
 * {@link Secrets.Builder#store(String, dev.secrets.spi.SecretResolver, CacheOptions)}:
 *
 * <pre>{@code
 * CacheOptions cache = CacheOptions.builder().ttl(Duration.ofMinutes(5)).staleIfError(Duration.ofHours(1)).build();
 * Secrets secrets = Secrets.builder().store("vault", myResolver, cache).build();
 * }</pre>
 *
 * <p>The cache keeps a private copy of each value and hands every caller a fresh
 * {@link SecretValue}, so closing a returned value never wipes the cache. The TTL of each cached
 * value is shortened by a random amount of up to {@value #TTL_JITTER_PERCENT}% so that values
 * loaded together do not all expire together. The refresh point is shortened in the same
 * proportion. Cached "not found" results expire after exactly {@link #negativeTtl()}.
 *
 * <p>After a load fails with a retryable error (timeout, throttling, server error), the cache does
 * not ask the backend again for that reference before a backoff delay has passed; reads in between
 * get the stale value (see {@link Builder#staleIfError(Duration)}) or the last error. The delay of
 * the n-th consecutive failure is a random duration between {@link #retryDelay()} and
 * {@code min(maxRetryDelay, retryDelay * 2^(n-1))}. Non-retryable errors, such as access denied,
 * are not remembered: the next read asks the backend again.
 *
 * <p>Instances are immutable and thread-safe. Every value is checked when it is set or built, and
 * nothing is clamped silently.
 */
public final class CacheOptions {

    /** The largest part of an entry's TTL, in percent, that random jitter removes. */
    public static final int TTL_JITTER_PERCENT = 10;

    /** Shortest allowed {@link #ttl()}. */
    public static final Duration MIN_TTL = Duration.ofSeconds(1);
    /** Longest allowed {@link #ttl()}. */
    public static final Duration MAX_TTL = Duration.ofDays(1);
    /** Longest allowed {@link #staleIfError()}. */
    public static final Duration MAX_STALE_IF_ERROR = Duration.ofDays(7);
    /** Longest allowed {@link #negativeTtl()}. */
    public static final Duration MAX_NEGATIVE_TTL = Duration.ofHours(1);
    /** Shortest allowed {@link #retryDelay()}. */
    public static final Duration MIN_RETRY_DELAY = Duration.ofMillis(10);
    /** Longest allowed {@link #retryDelay()} and {@link #maxRetryDelay()}. */
    public static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);
    /** Largest allowed {@link #maxEntries()}. */
    public static final long MAX_ENTRIES_LIMIT = 10_000_000L;

    private static final CacheOptions DEFAULTS = builder().build();

    private final Duration ttl;
    private final long maxEntries;
    private final Duration refreshAhead;
    private final Duration staleIfError;
    private final Duration negativeTtl;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;

    private CacheOptions(Builder builder) {
        this.ttl = builder.ttl;
        this.maxEntries = builder.maxEntries;
        this.refreshAhead = builder.refreshAhead;
        this.staleIfError = builder.staleIfError;
        this.negativeTtl = builder.negativeTtl;
        this.retryDelay = builder.retryDelay;
        this.maxRetryDelay = builder.maxRetryDelay;
    }

    /** Returns the options with every default. */
    public static CacheOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns how long a loaded value is fresh, before jitter. */
    public Duration ttl() {
        return ttl;
    }

    /** Returns the maximum number of references the cache holds. */
    public long maxEntries() {
        return maxEntries;
    }

    /** Returns how long before expiry a read starts a background refresh; zero when off. */
    public Duration refreshAhead() {
        return refreshAhead;
    }

    /** Returns how long past expiry a value may be served when its reload fails; zero when off. */
    public Duration staleIfError() {
        return staleIfError;
    }

    /** Returns how long a "not found" result is cached; zero when off. */
    public Duration negativeTtl() {
        return negativeTtl;
    }

    /** Returns the backoff delay after the first failed load of a reference. */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** Returns the longest backoff delay between failed loads of a reference. */
    public Duration maxRetryDelay() {
        return maxRetryDelay;
    }

    @Override
    public String toString() {
        return "CacheOptions[ttl=" + Durations.format(ttl) + ", max-entries=" + maxEntries
                + ", refresh-ahead=" + Durations.format(refreshAhead)
                + ", stale-if-error=" + Durations.format(staleIfError)
                + ", negative-ttl=" + Durations.format(negativeTtl)
                + ", retry-delay=" + Durations.format(retryDelay)
                + ", max-retry-delay=" + Durations.format(maxRetryDelay) + "]";
    }

    /** Builds {@link CacheOptions}. Not thread-safe. */
    public static final class Builder {

        private Duration ttl = Duration.ofMinutes(5);
        private long maxEntries = 10_000;
        private Duration refreshAhead = Duration.ZERO;
        private Duration staleIfError = Duration.ZERO;
        private Duration negativeTtl = Duration.ZERO;
        private Duration retryDelay = Duration.ofSeconds(1);
        private Duration maxRetryDelay = Duration.ofMinutes(1);

        private Builder() {
        }

        /**
         * Sets how long a loaded value is fresh, between {@link #MIN_TTL} and {@link #MAX_TTL}.
         * By default, 5 minutes. Each entry's TTL is shortened by up to
         * {@value #TTL_JITTER_PERCENT}% at random.
         */
        public Builder ttl(Duration value) {
            this.ttl = checkRange("ttl", value, MIN_TTL, MAX_TTL);
            return this;
        }

        /**
         * Sets the maximum number of references the cache holds, from 1 to
         * {@value #MAX_ENTRIES_LIMIT}. When it is full, the least valuable entries are evicted.
         * By default, 10,000.
         */
        public Builder maxEntries(long value) {
            if (value < 1 || value > MAX_ENTRIES_LIMIT) {
                throw new IllegalArgumentException("max-entries is " + value + " but must be between 1 and "
                        + MAX_ENTRIES_LIMIT);
            }
            this.maxEntries = value;
            return this;
        }

        /**
         * Sets how long before a value expires a read starts one background load that replaces it;
         * readers keep getting the cached value at once meanwhile. Must be shorter than the TTL.
         * By default, zero: no refresh ahead, and the first read after expiry waits for the load.
         */
        public Builder refreshAhead(Duration value) {
            this.refreshAhead = checkRange("refresh-ahead", value, Duration.ZERO, MAX_TTL);
            return this;
        }

        /**
         * Sets how long past expiry a value may still be served when its reload fails with a
         * retryable error, up to {@link #MAX_STALE_IF_ERROR}. Each stale answer is counted and
         * logged at WARN, at most once per reference every 5 minutes. By default, zero: a failed
         * reload is raised.
         */
        public Builder staleIfError(Duration value) {
            this.staleIfError = checkRange("stale-if-error", value, Duration.ZERO, MAX_STALE_IF_ERROR);
            return this;
        }

        /**
         * Sets how long a "not found" answer is cached, up to {@link #MAX_NEGATIVE_TTL}. By
         * default, zero: "not found" is never cached, so a secret added to the store is seen at
         * once.
         */
        public Builder negativeTtl(Duration value) {
            this.negativeTtl = checkRange("negative-ttl", value, Duration.ZERO, MAX_NEGATIVE_TTL);
            return this;
        }

        /**
         * Sets the backoff delay after the first failed load of a reference, between
         * {@link #MIN_RETRY_DELAY} and {@link #MAX_RETRY_DELAY}. By default, 1 second.
         */
        public Builder retryDelay(Duration value) {
            this.retryDelay = checkRange("retry-delay", value, MIN_RETRY_DELAY, MAX_RETRY_DELAY);
            return this;
        }

        /**
         * Sets the longest backoff delay between failed loads of a reference, up to
         * {@link #MAX_RETRY_DELAY}; must not be shorter than the retry delay. By default, 1 minute.
         */
        public Builder maxRetryDelay(Duration value) {
            this.maxRetryDelay = checkRange("max-retry-delay", value, MIN_RETRY_DELAY, MAX_RETRY_DELAY);
            return this;
        }

        /**
         * Returns the options.
         *
         * @throws IllegalArgumentException if refresh-ahead is not shorter than the TTL, or the
         *     maximum retry delay is shorter than the retry delay
         */
        public CacheOptions build() {
            if (refreshAhead.compareTo(ttl) >= 0) {
                throw new IllegalArgumentException("refresh-ahead is " + Durations.format(refreshAhead)
                        + " but must be shorter than ttl (" + Durations.format(ttl) + ")");
            }
            if (maxRetryDelay.compareTo(retryDelay) < 0) {
                throw new IllegalArgumentException("max-retry-delay is " + Durations.format(maxRetryDelay)
                        + " but must not be shorter than retry-delay (" + Durations.format(retryDelay) + ")");
            }
            return new CacheOptions(this);
        }

        private static Duration checkRange(String option, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, option);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(option + " is " + Durations.format(value) + " but must be between "
                        + Durations.format(min) + " and " + Durations.format(max));
            }
            return value;
        }
    }
}
