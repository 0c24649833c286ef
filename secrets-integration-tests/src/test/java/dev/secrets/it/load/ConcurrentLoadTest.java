package dev.secrets.it.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.secrets.CacheOptions;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreCapabilities;
import dev.secrets.testkit.MemorySecretStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Start-up loads on many threads at once, on platform threads and, on JDK 21 and later, on
 * virtual threads. While one secret's backend call blocks its thread, every other secret still
 * resolves, and concurrent misses of the slow secret make one backend call. The code is compiled
 * for Java 17, so virtual threads are created through reflection, and the virtual-thread cases
 * are skipped on older runtimes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentLoadTest {

    private static final int SECRETS = 64;
    private static final int SLOW_READERS = 4;
    private static final String SLOW = "s-0";

    @ParameterizedTest
    @ValueSource(strings = {"platform", "virtual"})
    void slowLoadDelaysNoOtherSecret(String threadKind) throws Exception {
        MemorySecretStore backend = MemorySecretStore.builder().build();
        for (int i = 0; i < SECRETS; i++) {
            backend.put("s-" + i, "value-" + i);
        }
        SlowResolver slow = new SlowResolver(backend);
        CacheOptions cache = CacheOptions.builder().ttl(Duration.ofMinutes(5)).build();
        ExecutorService threads = executor(threadKind, SECRETS + SLOW_READERS);
        try (Secrets secrets = Secrets.builder().store("slow", slow, cache).environment(Map.of()).build()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> slowReads = new ArrayList<>();
            for (int i = 0; i < SLOW_READERS; i++) {
                slowReads.add(threads.submit(() -> read(secrets, start, SLOW)));
            }
            List<Future<String>> otherReads = new ArrayList<>();
            for (int i = 1; i < SECRETS; i++) {
                String name = "s-" + i;
                otherReads.add(threads.submit(() -> read(secrets, start, name)));
            }

            start.countDown();
            for (int i = 0; i < otherReads.size(); i++) {
                assertEquals("value-" + (i + 1), otherReads.get(i).get(20, TimeUnit.SECONDS));
            }
            slowReads.forEach(read -> assertFalse(read.isDone(), "the slow read finished before its release"));
            slow.release();

            for (Future<String> read : slowReads) {
                assertEquals("value-0", read.get(20, TimeUnit.SECONDS));
            }
            assertEquals(1, backend.calls(SLOW), "concurrent misses of one secret made one backend call");
            for (int i = 1; i < SECRETS; i++) {
                assertEquals(1, backend.calls("s-" + i), "s-" + i);
            }
        } finally {
            slow.release();
            threads.shutdownNow();
        }
    }

    @Test
    void memoryStoreLosesNoUpdateOnVirtualThreads() throws Exception {
        MemorySecretStore store = MemorySecretStore.builder().build();
        ExecutorService threads = executor("virtual", StoreLoadTest.THREADS);
        try {
            MixedWorkload.Result result = new MixedWorkload(store, StoreLoadTest.THREADS,
                    StoreLoadTest.MEMORY_OPERATIONS_PER_THREAD).run(threads, 50);

            assertEquals((long) StoreLoadTest.THREADS * StoreLoadTest.MEMORY_OPERATIONS_PER_THREAD, result.total());
            StoreLoadTest.assertEveryUpdateIsAVersion(store, result.sharedUpdates());
            StoreLoadTest.report("memory store, " + StoreLoadTest.THREADS + " virtual threads", result);
        } finally {
            threads.shutdownNow();
        }
    }

    private static String read(Secrets secrets, CountDownLatch start, String name) throws InterruptedException {
        start.await();
        try (SecretValue value = secrets.resolve(name)) {
            return value.asString();
        }
    }

    /**
     * Returns an executor that runs {@code size} tasks at once: a fixed pool of platform threads, or
     * one virtual thread per task, which needs JDK 21.
     */
    private static ExecutorService executor(String kind, int size) throws ReflectiveOperationException {
        if (kind.equals("platform")) {
            return Executors.newFixedThreadPool(size);
        }
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21, this is "
                + Runtime.version());
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    /**
     * A store whose read of {@link #SLOW} blocks the calling thread until {@link #release()}, as
     * a blocking client call on a slow network does; other reads go straight to the backend.
     */
    private static final class SlowResolver implements SecretResolver {

        private final MemorySecretStore backend;
        private final CountDownLatch released = new CountDownLatch(1);

        SlowResolver(MemorySecretStore backend) {
            this.backend = backend;
        }

        void release() {
            released.countDown();
        }

        @Override
        public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
            if (reference.name().value().equals(SLOW)) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedFuture(e);
                }
            }
            return backend.resolve(reference);
        }

        @Override
        public StoreCapabilities capabilities() {
            return StoreCapabilities.READ_ONLY;
        }
    }
}
