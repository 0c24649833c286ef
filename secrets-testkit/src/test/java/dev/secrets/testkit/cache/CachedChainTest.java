package dev.secrets.testkit.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.CacheOptions;
import dev.secrets.CacheStats;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.spi.SecretStore;
import dev.secrets.testkit.ManualTimeSource;
import dev.secrets.testkit.MemorySecretStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A cached store in a chain, seen through the {@link Secrets} facade. */
class CachedChainTest {

    private final ManualTimeSource time = new ManualTimeSource();
    private final MemorySecretStore store = MemorySecretStore.builder()
            .secret("db", "{\"user\": \"app\", \"password\": \"pw-1\"}")
            .secret("token", "t-1")
            .build();
    private final Secrets secrets = Secrets.builder()
            .timeSource(time)
            .store("remote", store, CacheOptions.builder().ttl(Duration.ofMinutes(5)).build())
            .build();

    @AfterEach
    void closeChain() {
        secrets.close();
    }

    @Test
    void forcedRefreshReturnsTheChangedValue() {
        text("token");
        store.put("token", "t-2");

        String cached = text("token");
        String refreshed = refreshedText("token");
        String afterRefresh = text("token");

        assertEquals("t-1", cached);
        assertEquals("t-2", refreshed);
        assertEquals("t-2", afterRefresh);
        assertEquals(2, store.calls("token"));
    }

    @Test
    void forcedRefreshOfAFieldRefreshesTheWholeSecret() {
        text("db:password");
        store.put("db", "{\"user\": \"app\", \"password\": \"pw-2\"}");

        String refreshed = refreshedText("db:password");
        String user = text("db:user");

        assertEquals("pw-2", refreshed);
        assertEquals("app", user);
        assertEquals(2, store.calls("db"));
    }

    @Test
    void forcedRefreshOfARemovedSecretIsNotFound() {
        text("token");
        store.remove("token");

        SecretNotFoundException failure = assertThrows(SecretNotFoundException.class, () -> secrets.refresh("token"));

        assertEquals(List.of("remote"), failure.storesConsulted());
        assertThrows(SecretNotFoundException.class, () -> secrets.resolve("token"));
    }

    @Test
    void twoFieldsShareOneBackendCall() {
        List<SecretReference> fields = List.of(SecretReference.parse("db:user"), SecretReference.parse("db:password"));

        Map<SecretReference, SecretValue> first = secrets.resolveAll(fields);
        Map<SecretReference, SecretValue> second = secrets.resolveAll(fields);

        assertEquals("app", first.get(fields.get(0)).asString());
        assertEquals("pw-1", first.get(fields.get(1)).asString());
        assertEquals("pw-1", second.get(fields.get(1)).asString());
        assertEquals(1, store.calls("db"));
        assertEquals(1, store.batchCalls());
        assertEquals(new CacheStats(1, 1, 1, 0, 0), secrets.cacheStats());
    }

    @Test
    void batchLoadsOnlyTheMissesInOneCall() {
        text("token");
        store.resetCalls();

        secrets.resolveAll(List.of(SecretReference.parse("token"), SecretReference.parse("db:user")));

        assertEquals(0, store.calls("token"));
        assertEquals(1, store.calls("db"));
        assertEquals(1, store.batchCalls());
    }

    @Test
    void closingAReturnedValueKeepsTheNextHitIntact() {
        SecretValue first = secrets.resolve("token");
        byte[] before = first.asBytes();
        first.close();

        byte[] after;
        try (SecretValue second = secrets.resolve("token")) {
            after = second.asBytes();
        }

        assertEquals("t-1", new String(before, StandardCharsets.UTF_8));
        assertEquals("t-1", new String(after, StandardCharsets.UTF_8));
        assertEquals(1, store.calls("token"));
    }

    @Test
    void writeThroughTheStoreViewInvalidatesTheName() {
        text("token");
        SecretStore view = secrets.store("remote").orElseThrow();

        view.update(SecretName.of("token"), "t-2".getBytes(StandardCharsets.UTF_8)).join();
        String afterUpdate = text("token");

        assertEquals("t-2", afterUpdate);
        assertEquals(2, store.calls("token"));
    }

    @Test
    void invalidateMakesTheNextLookupLoad() {
        text("token");
        text("db:user");

        secrets.invalidate("token");
        text("token");
        text("db:user");
        secrets.invalidateAll();
        text("db:user");

        assertEquals(2, store.calls("token"));
        assertEquals(2, store.calls("db"));
    }

    @Test
    void expiredEntryIsLoadedAgain() {
        text("token");
        store.put("token", "t-2");

        time.advance(Duration.ofMinutes(4));
        String beforeExpiry = text("token");
        time.advance(Duration.ofMinutes(1));
        String afterExpiry = text("token");

        assertEquals("t-1", beforeExpiry);
        assertEquals("t-2", afterExpiry);
    }

    @Test
    void statisticsArePerStoreAndTotal() {
        text("token");
        text("token");

        CacheStats remote = secrets.cacheStats("remote").orElseThrow();

        assertEquals(new CacheStats(1, 1, 1, 0, 0), remote);
        assertEquals(remote, secrets.cacheStats());
        assertTrue(secrets.cacheStats("other").isEmpty());
        assertEquals(0.5, remote.hitRate());
    }

    private String refreshedText(String reference) {
        try (SecretValue value = secrets.refresh(reference)) {
            return value.asString();
        }
    }

    private String text(String reference) {
        try (SecretValue value = secrets.resolve(reference)) {
            return value.asString();
        }
    }
}
