package dev.secrets.testkit.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.CacheOptions;
import dev.secrets.CacheStats;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.testkit.ManualTimeSource;
import dev.secrets.testkit.MemorySecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    @Test
    void sixtyFourColdReadsMakeOneCall() throws Exception {
        MemorySecretStore store = MemorySecretStore.builder().secret("db", "one").build();
        MemorySecretStore.Gate gate = store.holdReads();
        SecretReference db = SecretReference.parse("db");
        try (Secrets secrets = Secrets.builder()
                .timeSource(new ManualTimeSource())
                .store("remote", store, CacheOptions.defaults())
                .build()) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<SecretValue>> pending = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                CompletableFuture<SecretValue> result = new CompletableFuture<>();
                pending.add(result);
                Thread thread = new Thread(() -> {
                    awaitQuietly(start);
                    secrets.resolveAsync(db).whenComplete((value, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            result.complete(value);
                        }
                    });
                });
                threads.add(thread);
                thread.start();
            }

            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            long callsWhileHeld = store.calls("db");
            gate.release();
            List<String> values = new ArrayList<>();
            for (CompletableFuture<SecretValue> result : pending) {
                values.add(result.get(10, TimeUnit.SECONDS).asString());
            }

            assertEquals(1, callsWhileHeld);
            assertEquals(1, store.calls("db"));
            assertEquals(List.of("one"), values.stream().distinct().toList());
            assertEquals(64, values.size());
            assertEquals(new CacheStats(0, 64, 1, 0, 0), secrets.cacheStats());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
