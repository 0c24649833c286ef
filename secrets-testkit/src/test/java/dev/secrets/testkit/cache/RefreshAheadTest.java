package dev.secrets.testkit.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.CacheOptions;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.testkit.ManualTimeSource;
import dev.secrets.testkit.MemorySecretStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshAheadTest {

    private final ManualTimeSource time = new ManualTimeSource();
    private final ManualExecutor background = new ManualExecutor();
    private final MemorySecretStore store = MemorySecretStore.builder().secret("db", "one").build();
    private final CacheOptions options = CacheOptions.builder()
            .ttl(Duration.ofMinutes(5))
            .refreshAhead(Duration.ofMinutes(1))
            .build();

    @Test
    void readsAfterRefreshPointDoNotWait() {
        try (Secrets secrets = Secrets.builder().timeSource(time).executor(background)
                .store("remote", store, options).build()) {
            text(secrets);
            store.put("db", "two");
            MemorySecretStore.Gate slowBackend = store.holdReads();
            // Jitter puts the refresh point between 3m36s and 4m, and expiry between 4m30s and 5m.
            time.advance(Duration.ofMinutes(4));

            List<String> beforeLoadStarts = List.of(text(secrets), text(secrets));
            int refreshesQueued = background.runAll();
            List<String> whileLoading = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                whileLoading.add(text(secrets));
            }
            long callsWhileLoading = store.calls("db");
            long loadsWhileLoading = secrets.cacheStats().loads();
            slowBackend.release();
            String afterLoad = text(secrets);

            assertEquals(List.of("one", "one"), beforeLoadStarts);
            assertEquals(1, refreshesQueued);
            assertEquals(List.of("one"), whileLoading.stream().distinct().toList());
            assertEquals(2, callsWhileLoading);
            assertEquals(1, loadsWhileLoading);
            assertEquals("two", afterLoad);
            assertEquals(2, store.calls("db"));
            assertEquals(2, secrets.cacheStats().loads());
            assertEquals(0, background.queued());
        }
    }

    @Test
    void readsBeforeRefreshPointStartNoLoad() {
        try (Secrets secrets = Secrets.builder().timeSource(time).executor(background)
                .store("remote", store, options).build()) {
            text(secrets);

            time.advance(Duration.ofMinutes(3));
            text(secrets);

            assertEquals(0, background.queued());
            assertEquals(1, store.calls("db"));
        }
    }

    private static String text(Secrets secrets) {
        try (SecretValue value = secrets.resolve("db")) {
            return value.asString();
        }
    }
}
