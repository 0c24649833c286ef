package dev.secrets.internal.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.secrets.CacheOptions;
import dev.secrets.CacheStats;
import dev.secrets.SecretException;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.internal.Durations;
import dev.secrets.spi.Failures;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreCapabilities;
import dev.secrets.spi.TimeSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches the lookup results of a store, keyed by reference (name and version, never a JSON field).
 *
 * <p>The cache is a Caffeine {@link AsyncCache} of futures driven by the store's
 * {@link TimeSource} as its ticker. A miss puts an incomplete future into the cache before it asks
 * the backend, so concurrent misses for one reference share one backend call, and loads of
 * different references never wait for each other. The backend is called outside every lock and
 * monitor. A batch asks the backend once, for the references that missed.
 *
 * <p>What a read gets, by the state of the entry:
 * <ul>
 *   <li>fresh: the cached value at once; after the refresh point, one background load replaces it
 *       while readers keep getting the cached value;
 *   <li>expired: the reader waits for a reload; if it fails with a retryable error and the value
 *       is within {@code stale-if-error} of its expiry, the expired value is served, counted and
 *       logged;
 *   <li>failed with a retryable error: until the backoff delay has passed, the stale value or the
 *       last error, without asking the backend; then one reload.
 * </ul>
 *
 * <p>Values are kept as private copies, and every answer is a fresh {@link SecretValue}, so a
 * caller that closes its value never wipes the cache. {@link #close()} wipes every cached value and
 * closes the wrapped resolver. Thread-safe.
 */
public class CachingResolver implements SecretResolver, dev.secrets.internal.ImmediateLookup {

    /** How often a stale answer or failed background refresh of one reference is logged, at most. */
    static final Duration WARNING_INTERVAL = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(CachingResolver.class);

    private final SecretResolver delegate;
    private final String storeName;
    private final String storeType;
    private final CacheOptions options;
    private final TimeSource time;
    private final Executor executor;
    private final DoubleSupplier random;
    private final Backoff backoff;
    private final ConcurrentMap<SecretReference, CompletableFuture<Slot>> slots;
    private final Set<SecretReference> refreshing = ConcurrentHashMap.newKeySet();
    private final RateLimitedLog staleWarnings;
    private final RateLimitedLog refreshWarnings;
    private final CacheCounters counters = new CacheCounters();
    private final AtomicBoolean closed = new AtomicBoolean();

    CachingResolver(SecretResolver delegate, Context context) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.storeName = context.storeName;
        this.storeType = context.storeType;
        this.options = context.options;
        this.time = context.time;
        this.executor = context.executor;
        this.random = context.random;
        this.backoff = new Backoff(options.retryDelay(), options.maxRetryDelay(), random);
        AsyncCache<SecretReference, Slot> cache = Caffeine.newBuilder()
                .maximumSize(options.maxEntries())
                .expireAfter(new SlotExpiry())
                .ticker(time::nanoTime)
                .executor(Runnable::run)
                .buildAsync();
        this.slots = cache.asMap();
        this.staleWarnings = new RateLimitedLog(WARNING_INTERVAL.toNanos());
        this.refreshWarnings = new RateLimitedLog(WARNING_INTERVAL.toNanos());
    }

    /**
     * Wraps {@code delegate} in a cache. The result is a {@link SecretStore} when
     * {@code delegate} is one; its writes pass through and then invalidate the written name.
     *
     * @param executor runs background refreshes; owned by the caller
     */
    public static CachingResolver wrap(SecretResolver delegate, String storeName, String storeType,
            CacheOptions options, TimeSource time, Executor executor) {
        return wrap(delegate, new Context(storeName, storeType, options, time, executor,
                () -> ThreadLocalRandom.current().nextDouble()));
    }

    static CachingResolver wrap(SecretResolver delegate, Context context) {
        if (delegate instanceof SecretStore) {
            return new CachingStore((SecretStore) delegate, context);
        }
        return new CachingResolver(delegate, context);
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        Objects.requireNonNull(reference, "reference");
        return resolveAll(Set.of(reference)).thenApply(results -> results.get(reference).toOptional());
    }

    /**
     * Returns a fresh cached result at once, counting a hit and starting a due refresh-ahead, or
     * {@code null} when the entry is missing, loading, expired or backing off.
     */
    @Override
    public SecretLookup lookupNow(SecretReference reference) {
        if (closed.get()) {
            return null;
        }
        CompletableFuture<Slot> current = slots.get(reference);
        if (current == null || !current.isDone() || current.isCompletedExceptionally()) {
            return null;
        }
        Slot slot = current.join();
        long now = time.nanoTime();
        if (!slot.isFresh(now)) {
            return null;
        }
        counters.hits.increment();
        refreshAheadIfDue(reference, current, slot, now);
        if (slot.kind == Slot.Kind.VALUE) {
            return SecretLookup.found(slot.copyOfValue(reference, storeName));
        }
        return toLookup(slot);
    }

    @Override
    public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        Objects.requireNonNull(references, "references");
        checkOpen();
        long now = time.nanoTime();
        Map<SecretReference, CompletableFuture<SecretLookup>> answers = new LinkedHashMap<>();
        Map<SecretReference, Claim> claims = new LinkedHashMap<>();
        for (SecretReference reference : references) {
            answers.put(reference, answer(reference, now, claims));
        }
        if (!claims.isEmpty()) {
            load(claims);
        }
        return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<SecretReference, SecretLookup> results = new HashMap<>();
            answers.forEach((reference, answer) -> results.put(reference, answer.join()));
            return results;
        });
    }

    /**
     * Asks the backend for every reference, bypassing the cache and its backoff, and stores what
     * it returns. A failure is returned as it is, never replaced by a stale value, and leaves the
     * cached entry unchanged.
     */
    public CompletableFuture<Map<SecretReference, SecretLookup>> refreshAll(Set<SecretReference> references) {
        Objects.requireNonNull(references, "references");
        checkOpen();
        return callBackend(references).handle((results, failure) -> {
            long now = time.nanoTime();
            Map<SecretReference, SecretLookup> answers = new HashMap<>();
            for (SecretReference reference : references) {
                SecretLookup lookup = lookupIn(results, failure, reference);
                counters.recordLoad(lookup);
                if (lookup.status() == SecretLookup.Status.FAILED) {
                    answers.put(reference, lookup);
                    continue;
                }
                Slot slot = toSlot(lookup, null, now);
                slots.put(reference, CompletableFuture.completedFuture(slot));
                answers.put(reference, toLookup(slot));
            }
            closeValues(results);
            return answers;
        });
    }

    /** Drops the entry of {@code reference}; its JSON field, if any, is ignored. */
    public void invalidate(SecretReference reference) {
        slots.remove(reference.withoutField());
    }

    /** Drops the entries of every version of {@code name}. */
    public void invalidate(SecretName name) {
        slots.keySet().removeIf(reference -> reference.name().equals(name));
    }

    /** Drops every entry. */
    public void invalidateAll() {
        slots.clear();
    }

    /** Returns a snapshot of the counters. */
    public CacheStats stats() {
        return counters.snapshot();
    }

    /** Returns the options this cache runs with. */
    public CacheOptions options() {
        return options;
    }

    /** Returns the wrapped resolver. */
    public SecretResolver delegate() {
        return delegate;
    }

    @Override
    public StoreCapabilities capabilities() {
        return delegate.capabilities();
    }

    /** Wipes every cached value, then closes the wrapped resolver. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (CompletableFuture<Slot> future : slots.values()) {
            Slot slot = future.getNow(null);
            if (slot != null) {
                wipe(slot);
            }
        }
        slots.clear();
        staleWarnings.clear();
        refreshWarnings.clear();
        delegate.close();
    }

    @Override
    public String toString() {
        return "CachingResolver[store=" + storeName + ", entries=" + slots.size() + ", " + options + "]";
    }

    /** Returns the answer for one reference, claiming a load into {@code claims} when one is needed. */
    private CompletableFuture<SecretLookup> answer(SecretReference reference, long now, Map<SecretReference, Claim> claims) {
        while (true) {
            CompletableFuture<Slot> current = slots.get(reference);
            if (current == null) {
                CompletableFuture<Slot> placeholder = new CompletableFuture<>();
                if (slots.putIfAbsent(reference, placeholder) == null) {
                    return claim(reference, placeholder, null, claims);
                }
                continue;
            }
            if (!current.isDone()) {
                counters.misses.increment();
                return current.thenApply(slot -> answerAfterLoad(reference, slot));
            }
            Slot slot = current.join();
            if (slot.isFresh(now)) {
                counters.hits.increment();
                refreshAheadIfDue(reference, current, slot, now);
                return CompletableFuture.completedFuture(toLookup(slot));
            }
            if (slot.isBackingOff(now)) {
                counters.misses.increment();
                return CompletableFuture.completedFuture(failedAnswer(reference, slot, now));
            }
            CompletableFuture<Slot> placeholder = new CompletableFuture<>();
            if (slots.replace(reference, current, placeholder)) {
                return claim(reference, placeholder, slot, claims);
            }
        }
    }

    private CompletableFuture<SecretLookup> claim(SecretReference reference, CompletableFuture<Slot> placeholder,
            Slot previous, Map<SecretReference, Claim> claims) {
        counters.misses.increment();
        claims.put(reference, new Claim(placeholder, previous));
        return placeholder.thenApply(slot -> answerAfterLoad(reference, slot));
    }

    /** Asks the backend once for every claimed reference and completes each claim's future. */
    private void load(Map<SecretReference, Claim> claims) {
        callBackend(claims.keySet()).whenComplete((results, failure) -> {
            long now = time.nanoTime();
            for (Map.Entry<SecretReference, Claim> entry : claims.entrySet()) {
                Claim claim = entry.getValue();
                try {
                    SecretLookup lookup = lookupIn(results, failure, entry.getKey());
                    counters.recordLoad(lookup);
                    claim.placeholder.complete(toSlot(lookup, claim.previous, now));
                } catch (RuntimeException e) {
                    claim.placeholder.complete(Slot.failed(Failures.toSecretException(e), 0, now, null, now));
                }
            }
            closeValues(results);
        });
    }

    private CompletableFuture<Map<SecretReference, SecretLookup>> callBackend(Set<SecretReference> references) {
        try {
            return delegate.resolveAll(Set.copyOf(references));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Returns the answer of a reference that waited for a load, at the time the load completed. */
    private SecretLookup answerAfterLoad(SecretReference reference, Slot slot) {
        if (slot.kind == Slot.Kind.FAILED) {
            return failedAnswer(reference, slot, time.nanoTime());
        }
        return toLookup(slot);
    }

    private SecretLookup failedAnswer(SecretReference reference, Slot slot, long now) {
        Slot stale = slot.staleCandidate(now);
        if (stale == null) {
            return SecretLookup.failed(slot.failure);
        }
        counters.staleAnswers.increment();
        if (staleWarnings.shouldLog(reference, now)) {
            LOG.warn("Serving the expired cached value of secret '{}' from store '{}' (type '{}') because reloading it "
                    + "failed. The value expired {} ago, and stale-if-error allows {}. Check that the store is "
                    + "reachable. This warning repeats at most every {} for this secret. Reload failure: {}: {}",
                    reference, storeName, storeType, Durations.format(Duration.ofSeconds((now - stale.freshUntil)
                            / 1_000_000_000L)), Durations.format(options.staleIfError()),
                    Durations.format(WARNING_INTERVAL), slot.failure.getClass().getSimpleName(),
                    slot.failure.getMessage());
        }
        return toLookup(stale);
    }

    /** Starts one background load of a fresh entry that passed its refresh point. */
    private void refreshAheadIfDue(SecretReference reference, CompletableFuture<Slot> current, Slot slot, long now) {
        if (now < slot.refreshAt || !refreshing.add(reference)) {
            return;
        }
        try {
            executor.execute(() -> refreshInBackground(reference, current, slot));
        } catch (RejectedExecutionException e) {
            refreshing.remove(reference);
            LOG.debug("Skipped the background refresh of secret '{}' in store '{}': the executor is shut down",
                    reference, storeName);
        }
    }

    private void refreshInBackground(SecretReference reference, CompletableFuture<Slot> current, Slot slot) {
        callBackend(Set.of(reference)).whenComplete((results, failure) -> {
            try {
                long now = time.nanoTime();
                SecretLookup lookup = lookupIn(results, failure, reference);
                counters.recordLoad(lookup);
                if (lookup.status() != SecretLookup.Status.FAILED) {
                    slots.replace(reference, current, CompletableFuture.completedFuture(toSlot(lookup, slot, now)));
                } else if (lookup.failure().retryable()) {
                    long attempt = slot.failures + 1;
                    long nextRefreshAt = plus(now, backoff.delay(attempt));
                    slots.replace(reference, current,
                            CompletableFuture.completedFuture(slot.withRefreshDelayed(nextRefreshAt, attempt)));
                    warnRefreshFailed(reference, lookup.failure(), now);
                } else {
                    // A denial or a bad format ends the entry: the next read raises the error.
                    slots.remove(reference, current);
                }
                closeValues(results);
            } finally {
                refreshing.remove(reference);
            }
        });
    }

    private void warnRefreshFailed(SecretReference reference, SecretException failure, long now) {
        if (refreshWarnings.shouldLog(reference, now)) {
            LOG.warn("Background refresh of secret '{}' in store '{}' (type '{}') failed. The cached value is still "
                    + "fresh and is refreshed again after a backoff delay. This warning repeats at most every {} for "
                    + "this secret. Refresh failure: {}: {}", reference, storeName, storeType,
                    Durations.format(WARNING_INTERVAL), failure.getClass().getSimpleName(), failure.getMessage());
        }
    }

    /** Turns the result of a load into a slot; {@code previous} is the slot the load replaces. */
    private Slot toSlot(SecretLookup lookup, Slot previous, long now) {
        switch (lookup.status()) {
            case FOUND:
                return valueSlot(lookup.value(), now);
            case NOT_FOUND:
                return Slot.notFound(lookup.detail(), plus(now, options.negativeTtl()));
            default:
                return failedSlot(lookup.failure(), previous, now);
        }
    }

    private Slot valueSlot(SecretValue loaded, long now) {
        byte[] bytes = loaded.asBytes();
        SecretValue copy;
        try {
            copy = SecretValue.of(bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        // Jitter shortens the TTL and the refresh point by the same random factor in (0.9, 1].
        double factor = 1.0 - CacheOptions.TTL_JITTER_PERCENT / 100.0 * random.getAsDouble();
        long freshUntil = plus(now, scale(options.ttl(), factor));
        long refreshAt = options.refreshAhead().isZero()
                ? Long.MAX_VALUE
                : plus(now, scale(options.ttl().minus(options.refreshAhead()), factor));
        return Slot.value(copy, freshUntil, refreshAt, plus(freshUntil, options.staleIfError()));
    }

    private Slot failedSlot(SecretException failure, Slot previous, long now) {
        if (!failure.retryable()) {
            return Slot.failed(failure, 0, now, null, now);
        }
        long attempt = previous != null && previous.kind == Slot.Kind.FAILED ? previous.failures + 1 : 1;
        long retryAt = plus(now, backoff.delay(attempt));
        Slot lastGood = previous == null ? null : previous.lastGoodValue();
        return Slot.failed(failure, attempt, retryAt, lastGood, plus(retryAt, options.maxRetryDelay()));
    }

    private static SecretLookup toLookup(Slot slot) {
        if (slot.kind == Slot.Kind.VALUE) {
            return SecretLookup.found(slot.copyOfValue());
        }
        if (slot.kind == Slot.Kind.NOT_FOUND) {
            return slot.notFoundDetail.isEmpty() ? SecretLookup.notFound() : SecretLookup.notFound(slot.notFoundDetail);
        }
        return SecretLookup.failed(slot.failure);
    }

    private SecretLookup lookupIn(Map<SecretReference, SecretLookup> results, Throwable failure,
            SecretReference reference) {
        if (failure != null) {
            return SecretLookup.failed(Failures.toSecretException(failure));
        }
        SecretLookup lookup = results == null ? null : results.get(reference);
        if (lookup == null) {
            return SecretLookup.failed(new SecretException("Store '" + storeName + "' (type '" + storeType
                    + "') returned no result for '" + reference + "'; this is a bug in the store implementation."));
        }
        return lookup;
    }

    /** Closes the values a backend returned, after the cache copied the ones it keeps. */
    private static void closeValues(Map<SecretReference, SecretLookup> results) {
        if (results == null) {
            return;
        }
        for (SecretLookup lookup : results.values()) {
            if (lookup != null && lookup.isFound()) {
                lookup.value().close();
            }
        }
    }

    private static void wipe(Slot slot) {
        if (slot.value != null) {
            slot.value.close();
        }
        if (slot.lastGood != null) {
            wipe(slot.lastGood);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The cache of store '" + storeName + "' is closed.");
        }
    }

    private static long scale(Duration duration, double factor) {
        return (long) (duration.toNanos() * factor);
    }

    private static long plus(long now, Duration duration) {
        return plus(now, duration.toNanos());
    }

    private static long plus(long now, long nanos) {
        long sum = now + nanos;
        return ((now ^ sum) & (nanos ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** A load this batch started, with the slot it replaces. */
    private static final class Claim {

        final CompletableFuture<Slot> placeholder;
        final Slot previous;

        Claim(CompletableFuture<Slot> placeholder, Slot previous) {
            this.placeholder = placeholder;
            this.previous = previous;
        }
    }

    /** Keeps each slot until its own retention time, read from the cache's ticker. */
    private static final class SlotExpiry implements Expiry<SecretReference, Slot> {

        @Override
        public long expireAfterCreate(SecretReference key, Slot slot, long currentTime) {
            return remaining(slot, currentTime);
        }

        @Override
        public long expireAfterUpdate(SecretReference key, Slot slot, long currentTime, long currentDuration) {
            return remaining(slot, currentTime);
        }

        @Override
        public long expireAfterRead(SecretReference key, Slot slot, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private static long remaining(Slot slot, long currentTime) {
            if (slot.retainUntil == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            return Math.max(0, slot.retainUntil - currentTime);
        }
    }

    /** The store, options, clock, executor and jitter source that a cache runs with. */
    static final class Context {

        final String storeName;
        final String storeType;
        final CacheOptions options;
        final TimeSource time;
        final Executor executor;
        final DoubleSupplier random;

        Context(String storeName, String storeType, CacheOptions options, TimeSource time, Executor executor,
                DoubleSupplier random) {
            this.storeName = Objects.requireNonNull(storeName, "storeName");
            this.storeType = Objects.requireNonNull(storeType, "storeType");
            this.options = Objects.requireNonNull(options, "options");
            this.time = Objects.requireNonNull(time, "time");
            this.executor = Objects.requireNonNull(executor, "executor");
            this.random = Objects.requireNonNull(random, "random");
        }
    }
}
