package dev.secrets.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class FakeSecretsManagerTest {

    private final FakeSecretsManager backend = new FakeSecretsManager();

    @Test
    void countsEachOperation() {
        backend.putSecret("a", "1");

        backend.getSecretValue(request -> request.secretId("a"));
        backend.batchGetSecretValue(request -> request.secretIdList("a"));
        backend.describeSecret(request -> request.secretId("a"));
        backend.describeSecret(request -> request.secretId("a"));

        assertEquals(new BackendCalls(1, 1, 2), backend.calls());
    }

    @Test
    void batchListsUnknownNamesAsErrors() {
        backend.putSecret("a", "1");

        BatchGetSecretValueResponse response = backend.batchGetSecretValue(request -> request.secretIdList("a", "b"));

        assertEquals(List.of("a"), response.secretValues().stream().map(entry -> entry.name()).toList());
        assertEquals("b", response.errors().get(0).secretId());
    }

    @Test
    void unknownNameIsNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> backend.getSecretValue(request -> request.secretId("x")));
    }

    @Test
    void latencyDelaysEveryCall() {
        backend.putSecret("a", "1");
        backend.latency(Duration.ofMillis(30));
        long start = System.nanoTime();

        backend.getSecretValue(request -> request.secretId("a"));

        assertTrue(System.nanoTime() - start >= 30_000_000L);
    }
}
