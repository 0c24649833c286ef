package dev.secrets.testkit.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.CacheOptions;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.testkit.ManualTimeSource;
import dev.secrets.testkit.MemorySecretStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaleIfErrorTest {

    private static final String CANARY = "canary-7f3a-stale-value";
    private static final String STALE_WARNING = "Serving the expired cached value of secret 'db' from store 'remote'";

    private final ManualTimeSource time = new ManualTimeSource();
    private final MemorySecretStore store = MemorySecretStore.builder().secret("db", CANARY).build();
    private Secrets secrets;

    @BeforeEach
    void buildChain() {
        CacheOptions options = CacheOptions.builder()
                .ttl(Duration.ofMinutes(5))
                .staleIfError(Duration.ofHours(1))
                .build();
        secrets = Secrets.builder().timeSource(time).store("remote", store, options).build();
        text();
    }

    @AfterEach
    void closeChain() {
        secrets.close();
    }

    @Test
    void timeoutOnRefreshServesStaleValueLoggedOnce() {
        store.failNext(Integer.MAX_VALUE, new SecretStoreUnavailableException("Store 'remote' timed out after 5s."));
        time.advance(Duration.ofMinutes(5));

        String first;
        String second;
        try (CapturedStandardError log = new CapturedStandardError()) {
            first = text();
            second = text();
            time.advance(Duration.ofMinutes(1));
            text();

            assertEquals(1, log.count(STALE_WARNING));
            assertTrue(log.text().contains("Reload failure: SecretStoreUnavailableException: Store 'remote' timed out "
                    + "after 5s."), log.text());
            assertFalse(log.text().contains(CANARY));
        }

        assertEquals(CANARY, first);
        assertEquals(CANARY, second);
        assertEquals(3, secrets.cacheStats().staleAnswers());
    }

    @Test
    void staleWarningRepeatsAfterItsInterval() {
        store.failNext(Integer.MAX_VALUE, new SecretStoreUnavailableException("Store 'remote' answered 503."));
        time.advance(Duration.ofMinutes(5));

        try (CapturedStandardError log = new CapturedStandardError()) {
            text();
            time.advance(Duration.ofMinutes(5));
            text();

            assertEquals(2, log.count(STALE_WARNING));
        }
    }

    @Test
    void staleValueEndsAtTheMaximumStaleness() {
        store.failNext(Integer.MAX_VALUE, new SecretStoreUnavailableException("Store 'remote' is throttling requests."));
        time.advance(Duration.ofMinutes(5));
        text();

        time.advance(Duration.ofMinutes(59));
        String lastStale = text();
        time.advance(Duration.ofMinutes(1));
        SecretStoreUnavailableException failure = assertThrows(SecretStoreUnavailableException.class,
                () -> secrets.resolve("db"));

        assertEquals(CANARY, lastStale);
        assertEquals("Store 'remote' is throttling requests.", failure.getMessage());
        assertEquals(2, secrets.cacheStats().staleAnswers());
    }

    @Test
    void deniedReloadIsRaisedNotServedStale() {
        store.failNext(1, new SecretAccessDeniedException("Access to 'db' was denied."));
        time.advance(Duration.ofMinutes(5));

        SecretAccessDeniedException failure = assertThrows(SecretAccessDeniedException.class,
                () -> secrets.resolve("db"));

        assertEquals("Access to 'db' was denied.", failure.getMessage());
        assertEquals(0, secrets.cacheStats().staleAnswers());
    }

    @Test
    void failedForcedRefreshRaisesInsteadOfServingStale() {
        store.failNext(Integer.MAX_VALUE, new SecretStoreUnavailableException("Store 'remote' timed out after 5s."));
        time.advance(Duration.ofMinutes(5));
        text();

        SecretStoreUnavailableException failure = assertThrows(SecretStoreUnavailableException.class,
                () -> secrets.refresh("db"));

        assertEquals("Store 'remote' timed out after 5s.", failure.getMessage());
        assertEquals(1, secrets.cacheStats().staleAnswers());
    }

    @Test
    void backendIsNotAskedAgainDuringBackoff() {
        store.failNext(Integer.MAX_VALUE, new SecretStoreUnavailableException("Store 'remote' timed out after 5s."));
        time.advance(Duration.ofMinutes(5));

        for (int i = 0; i < 20; i++) {
            text();
        }
        long callsDuringBackoff = store.calls("db");
        time.advance(Duration.ofMinutes(1));
        text();

        assertEquals(2, callsDuringBackoff);
        assertEquals(3, store.calls("db"));
    }

    private String text() {
        try (SecretValue value = secrets.resolve("db")) {
            return value.asString();
        }
    }
}
