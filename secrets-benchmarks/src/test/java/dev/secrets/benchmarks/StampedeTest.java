package dev.secrets.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StampedeTest {

    private static final int THREADS = 16;

    private static FakeSecretsManager slowBackend() {
        FakeSecretsManager backend = new FakeSecretsManager();
        backend.putSecret("db-password", "x".repeat(64));
        backend.latency(Duration.ofMillis(20));
        return backend;
    }

    private static BackendCalls stampede(Contender contender, FakeSecretsManager backend) {
        try (SecretReader reader = contender.create(backend, CacheSettings.noExpiry(100))) {
            Stampede.prepare(THREADS, reader, "db-password").release();
        }
        return backend.calls();
    }

    @Test
    void everyThreadReadsWithoutCache() {
        BackendCalls calls = stampede(Contender.NO_CACHE, slowBackend());

        assertEquals(THREADS, calls.getSecretValue());
        assertEquals(THREADS, calls.total());
    }

    @Test
    void secretsLoadsOnce() {
        BackendCalls calls = stampede(Contender.SECRETS, slowBackend());

        assertEquals(1, calls.total());
    }

    @Test
    void awsCachingClientDescribesAndGetsOnce() {
        BackendCalls calls = stampede(Contender.AWS_CACHING_CLIENT, slowBackend());

        assertEquals(1, calls.describeSecret());
        assertEquals(1, calls.getSecretValue());
    }

    @Test
    void failedReadFailsRelease() {
        FakeSecretsManager backend = new FakeSecretsManager();

        try (SecretReader reader = Contender.NO_CACHE.create(backend, CacheSettings.noExpiry(100))) {
            Stampede stampede = Stampede.prepare(2, reader, "missing");

            assertThrows(IllegalStateException.class, stampede::release);
        }
    }
}
