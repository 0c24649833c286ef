package dev.secrets.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.CacheOptions;
import dev.secrets.CacheStats;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.spi.Failures;
import dev.secrets.spi.SecretLookup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class CachingResolverTest {

    private static final SecretReference DB = ref("db");

    private final TestTime time = new TestTime();
    private final FakeBackend backend = new FakeBackend();
    private final List<Runnable> backgroundTasks = new ArrayList<>();

    private CachingResolver cache(CacheOptions options) {
        return cache(options, () -> 0.0);
    }

    private CachingResolver cache(CacheOptions options, DoubleSupplier random) {
        return CachingResolver.wrap(backend,
                new CachingResolver.Context("remote", "fake", options, time, backgroundTasks::add, random));
    }

    private static CacheOptions.Builder options() {
        return CacheOptions.builder().ttl(Duration.ofMinutes(5));
    }

    @Test
    void secondReadIsAHit() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build());

        String first = text(cache, DB);
        String second = text(cache, DB);

        assertEquals("one", first);
        assertEquals("one", second);
        assertEquals(1, backend.calls());
        assertEquals(new CacheStats(1, 1, 1, 0, 0), cache.stats());
    }

    @Test
    void closingAReturnedValueKeepsTheCachedBytes() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build());

        SecretValue first = cache.resolve(DB).join().orElseThrow();
        first.close();
        SecretValue second = cache.resolve(DB).join().orElseThrow();

        assertTrue(first.isDestroyed());
        assertEquals("one", second.asString());
        assertEquals(1, backend.calls());
    }

    @Test
    void everyHitIsADistinctValue() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build());

        SecretValue first = cache.resolve(DB).join().orElseThrow();
        SecretValue second = cache.resolve(DB).join().orElseThrow();

        assertFalse(first == second);
        assertTrue(first.contentEquals(second));
    }

    @Test
    void entryExpiresAfterTheTtl() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build());
        text(cache, DB);
        backend.put("db", "two");

        time.advance(Duration.ofMinutes(5).minusNanos(1));
        String beforeExpiry = text(cache, DB);
        time.advance(Duration.ofNanos(1));
        String afterExpiry = text(cache, DB);

        assertEquals("one", beforeExpiry);
        assertEquals("two", afterExpiry);
        assertEquals(2, backend.calls());
    }

    @Test
    void ttlJitterStaysWithinTenPercent() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build(), () -> Math.nextDown(1.0));
        text(cache, DB);

        time.advance(Duration.ofSeconds(270).minusMillis(1));
        text(cache, DB);
        int callsJustBeforeNinetyPercent = backend.calls();
        time.advance(Duration.ofMillis(1));
        text(cache, DB);

        assertEquals(1, callsJustBeforeNinetyPercent);
        assertEquals(2, backend.calls());
    }

    @Test
    void batchLoadsOnlyMissesInOneCall() {
        backend.put("a", "1");
        backend.put("b", "2");
        backend.put("c", "3");
        CachingResolver cache = cache(options().build());
        text(cache, ref("a"));

        Map<SecretReference, SecretLookup> results = cache.resolveAll(Set.of(ref("a"), ref("b"), ref("c"))).join();

        assertEquals(List.of(Set.of(ref("a")), Set.of(ref("b"), ref("c"))), backend.batches());
        assertEquals("1", results.get(ref("a")).value().asString());
        assertEquals("2", results.get(ref("b")).value().asString());
        assertEquals("3", results.get(ref("c")).value().asString());
    }

    @Test
    void concurrentMissesShareOneBackendCall() {
        backend.put("db", "one");
        CompletableFuture<Void> release = backend.holdAnswer("db");
        CachingResolver cache = cache(options().build());

        CompletableFuture<Optional<SecretValue>> first = cache.resolve(DB);
        CompletableFuture<Optional<SecretValue>> second = cache.resolve(DB);
        CompletableFuture<Map<SecretReference, SecretLookup>> batch = cache.resolveAll(Set.of(DB, ref("other")));
        release.complete(null);

        assertEquals("one", first.join().orElseThrow().asString());
        assertEquals("one", second.join().orElseThrow().asString());
        assertEquals("one", batch.join().get(DB).value().asString());
        assertEquals(List.of(Set.of(DB), Set.of(ref("other"))), backend.batches());
    }

    @Test
    void slowLoadDoesNotDelayOtherReferences() throws Exception {
        for (int i = 0; i < 8; i++) {
            backend.put("fast-" + i, "value-" + i);
        }
        backend.put("slow", "late");
        CountDownLatch slowBackend = backend.blockCaller("slow");
        backend.recordLocks();
        CachingResolver cache = cache(options().build());
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> text(cache, ref("slow")), newThread());
        List<CompletableFuture<String>> fast = new ArrayList<>();

        for (int i = 0; i < 8; i++) {
            SecretReference reference = ref("fast-" + i);
            fast.add(CompletableFuture.supplyAsync(() -> text(cache, reference), newThread()));
        }
        List<String> fastValues = new ArrayList<>();
        for (CompletableFuture<String> future : fast) {
            fastValues.add(future.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        boolean slowDoneBeforeRelease = slow.isDone();
        slowBackend.countDown();

        assertEquals(List.of("value-0", "value-1", "value-2", "value-3", "value-4", "value-5", "value-6", "value-7"),
                fastValues);
        assertFalse(slowDoneBeforeRelease);
        assertEquals("late", slow.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(List.of(), backend.locksHeldDuringCalls());
    }

    @Test
    void sixHourOutageFollowsBackoffSchedule() {
        SecretStoreUnavailableException down = new SecretStoreUnavailableException("backend is down");
        backend.failWith(down);
        CacheOptions options = options().retryDelay(Duration.ofSeconds(1)).maxRetryDelay(Duration.ofMinutes(1)).build();
        DoubleSupplier jitter = () -> 0.75;
        CachingResolver cache = cache(options, jitter);
        Backoff expected = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), jitter);
        List<Long> callTimes = new ArrayList<>();
        long readEvery = Duration.ofSeconds(1).toNanos();
        long sixHours = Duration.ofHours(6).toNanos();

        for (long elapsed = 0; elapsed <= sixHours; elapsed += readEvery) {
            int callsBefore = backend.calls();
            SecretLookup lookup = cache.resolveAll(Set.of(DB)).join().get(DB);
            assertSame(down, lookup.failure());
            if (backend.calls() > callsBefore) {
                callTimes.add(time.nanoTime());
            }
            time.advance(Duration.ofNanos(readEvery));
        }

        for (int i = 1; i < callTimes.size(); i++) {
            long gap = callTimes.get(i) - callTimes.get(i - 1);
            long delay = expected.delay(i).toNanos();
            long roundedUpToAReadTick = (delay + readEvery - 1) / readEvery * readEvery;
            assertEquals(roundedUpToAReadTick, gap, "gap after failure " + i);
        }
        long capGaps = callTimes.size() - 8;
        assertTrue(capGaps > 0);
        assertTrue(callTimes.size() < sixHours / Duration.ofSeconds(45).toNanos() + 10, "calls: " + callTimes.size());
        assertEquals(callTimes.size(), cache.stats().loadFailures());
    }

    @Test
    void recoveredBackendIsAskedAfterBackoff() {
        backend.failWith(new SecretStoreUnavailableException("backend is down"));
        CachingResolver cache = cache(options().build());
        assertThrows(CompletionException.class, () -> cache.resolve(DB).join());
        backend.recover();
        backend.put("db", "one");

        CompletionException duringBackoff = assertThrows(CompletionException.class, () -> cache.resolve(DB).join());
        time.advance(Duration.ofSeconds(1));
        String afterBackoff = text(cache, DB);

        assertInstanceOf(SecretStoreUnavailableException.class, Failures.unwrap(duringBackoff));
        assertEquals("one", afterBackoff);
        assertEquals(2, backend.calls());
    }

    @Test
    void nonRetryableFailureIsNotRemembered() {
        backend.failWith(new SecretAccessDeniedException("denied"));
        CachingResolver cache = cache(options().build());
        assertThrows(CompletionException.class, () -> cache.resolve(DB).join());
        backend.recover();
        backend.put("db", "one");

        String next = text(cache, DB);

        assertEquals("one", next);
        assertEquals(2, backend.calls());
    }

    @Test
    void staleValueServedUpToMaxStaleness() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().staleIfError(Duration.ofMinutes(10)).build());
        text(cache, DB);
        backend.failWith(new SecretStoreUnavailableException("backend is down"));

        time.advance(Duration.ofMinutes(5));
        String justExpired = text(cache, DB);
        time.advance(Duration.ofMinutes(10).minusNanos(1));
        String lastStaleMoment = text(cache, DB);
        time.advance(Duration.ofNanos(1));
        CompletionException tooStale = assertThrows(CompletionException.class, () -> cache.resolve(DB).join());

        assertEquals("one", justExpired);
        assertEquals("one", lastStaleMoment);
        assertInstanceOf(SecretStoreUnavailableException.class, Failures.unwrap(tooStale));
        assertEquals(2, cache.stats().staleAnswers());
    }

    @Test
    void noStaleValueForNonRetryableFailure() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().staleIfError(Duration.ofHours(1)).build());
        text(cache, DB);
        backend.failWith(new SecretAccessDeniedException("denied"));
        time.advance(Duration.ofMinutes(6));

        CompletionException failure = assertThrows(CompletionException.class, () -> cache.resolve(DB).join());

        assertInstanceOf(SecretAccessDeniedException.class, Failures.unwrap(failure));
        assertEquals(0, cache.stats().staleAnswers());
    }

    @Test
    void noStaleValueWhenStaleIfErrorOff() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build());
        text(cache, DB);
        backend.failWith(new SecretStoreUnavailableException("backend is down"));
        time.advance(Duration.ofMinutes(5));

        CompletionException failure = assertThrows(CompletionException.class, () -> cache.resolve(DB).join());

        assertInstanceOf(SecretStoreUnavailableException.class, Failures.unwrap(failure));
    }

    @Test
    void notFoundIsNotCachedByDefault() {
        CachingResolver cache = cache(options().build());
        Optional<SecretValue> missing = cache.resolve(DB).join();
        backend.put("db", "one");

        String added = text(cache, DB);

        assertTrue(missing.isEmpty());
        assertEquals("one", added);
        assertEquals(2, backend.calls());
    }

    @Test
    void notFoundIsCachedForTheNegativeTtl() {
        CachingResolver cache = cache(options().negativeTtl(Duration.ofSeconds(30)).build());
        cache.resolve(DB).join();
        backend.put("db", "one");

        Optional<SecretValue> stillMissing = cache.resolve(DB).join();
        time.advance(Duration.ofSeconds(30));
        String afterNegativeTtl = text(cache, DB);

        assertTrue(stillMissing.isEmpty());
        assertEquals("one", afterNegativeTtl);
        assertEquals(2, backend.calls());
    }

    @Test
    void refreshAheadServesCachedValueWhileLoading() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().refreshAhead(Duration.ofMinutes(1)).build());
        text(cache, DB);
        backend.put("db", "two");
        CompletableFuture<Void> release = backend.holdAnswer("db");
        time.advance(Duration.ofMinutes(4));

        String atRefreshPoint = text(cache, DB);
        String again = text(cache, DB);
        int queuedRefreshes = backgroundTasks.size();
        backgroundTasks.forEach(Runnable::run);
        String whileLoading = text(cache, DB);
        int callsWhileLoading = backend.calls();
        release.complete(null);
        String afterRefresh = text(cache, DB);

        assertEquals("one", atRefreshPoint);
        assertEquals("one", again);
        assertEquals(1, queuedRefreshes);
        assertEquals("one", whileLoading);
        assertEquals(2, callsWhileLoading);
        assertEquals("two", afterRefresh);
        assertEquals(2, backend.calls());
    }

    @Test
    void failedRefreshAheadKeepsValueAndBacksOff() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().refreshAhead(Duration.ofMinutes(1)).build());
        text(cache, DB);
        backend.failWith(new SecretStoreUnavailableException("backend is down"));
        time.advance(Duration.ofMinutes(4));

        text(cache, DB);
        runBackgroundTasks();
        String afterFailedRefresh = text(cache, DB);
        int queuedDuringBackoff = backgroundTasks.size();
        time.advance(Duration.ofSeconds(1));
        text(cache, DB);

        assertEquals("one", afterFailedRefresh);
        assertEquals(0, queuedDuringBackoff);
        assertEquals(1, backgroundTasks.size());
        assertEquals(1, cache.stats().loadFailures());
    }

    @Test
    void deniedRefreshAheadDropsTheValue() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().refreshAhead(Duration.ofMinutes(1)).build());
        text(cache, DB);
        backend.failWith(new SecretAccessDeniedException("denied"));
        time.advance(Duration.ofMinutes(4));

        text(cache, DB);
        runBackgroundTasks();
        CompletionException next = assertThrows(CompletionException.class, () -> cache.resolve(DB).join());

        assertInstanceOf(SecretAccessDeniedException.class, Failures.unwrap(next));
    }

    @Test
    void forcedRefreshBypassesTheCacheAndItsBackoff() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build());
        text(cache, DB);
        backend.put("db", "two");

        SecretLookup refreshed = cache.refreshAll(Set.of(DB)).join().get(DB);
        String next = text(cache, DB);

        assertEquals("two", refreshed.value().asString());
        assertEquals("two", next);
        assertEquals(2, backend.calls());
    }

    @Test
    void failedForcedRefreshRaisesAndKeepsValue() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().staleIfError(Duration.ofHours(1)).build());
        text(cache, DB);
        backend.failWith(new SecretStoreUnavailableException("backend is down"));

        SecretLookup refreshed = cache.refreshAll(Set.of(DB)).join().get(DB);
        String next = text(cache, DB);

        assertInstanceOf(SecretStoreUnavailableException.class, refreshed.failure());
        assertEquals("one", next);
        assertEquals(0, cache.stats().staleAnswers());
    }

    @Test
    void invalidateDropsOneEntry() {
        backend.put("db", "one");
        backend.put("other", "x");
        CachingResolver cache = cache(options().build());
        text(cache, DB);
        text(cache, ref("other"));

        cache.invalidate(SecretReference.parse("db:password"));
        text(cache, DB);
        text(cache, ref("other"));

        assertEquals(3, backend.calls());
    }

    @Test
    void invalidateAllDropsEveryEntry() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build());
        text(cache, DB);

        cache.invalidateAll();
        text(cache, DB);

        assertEquals(2, backend.calls());
    }

    @Test
    void maxEntriesBoundsTheCache() {
        CachingResolver cache = cache(options().maxEntries(10).build());
        for (int i = 0; i < 100; i++) {
            backend.put("s" + i, "v" + i);
            text(cache, ref("s" + i));
        }

        String described = cache.toString();

        assertTrue(described.matches(".*entries=(10|9|8)\\b.*"), described);
    }

    @Test
    void versionsAreCachedApart() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build());

        text(cache, DB);
        text(cache, DB.withVersionStage("AWSPREVIOUS"));
        text(cache, DB.withVersionStage("AWSPREVIOUS"));

        assertEquals(2, backend.calls());
    }

    @Test
    void closeWipesTheCacheAndRejectsReads() {
        backend.put("db", "one");
        CachingResolver cache = cache(options().build());
        text(cache, DB);

        cache.close();

        assertThrows(IllegalStateException.class, () -> cache.resolve(DB));
    }

    private void runBackgroundTasks() {
        List<Runnable> tasks = new ArrayList<>(backgroundTasks);
        backgroundTasks.clear();
        tasks.forEach(Runnable::run);
    }

    private static java.util.concurrent.Executor newThread() {
        return task -> new Thread(task).start();
    }

    private static String text(CachingResolver cache, SecretReference reference) {
        try (SecretValue value = cache.resolve(reference).join().orElseThrow()) {
            return value.asString();
        }
    }

    private static SecretReference ref(String name) {
        return SecretReference.of(SecretName.of(name));
    }
}
