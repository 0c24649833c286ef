package dev.secrets.it.hostile;

import static dev.secrets.it.support.Await.await;
import static dev.secrets.it.support.Bounded.assertThrowsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretReference;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.Secrets;
import dev.secrets.it.support.ExchangeReport;
import dev.secrets.it.support.HostileServer;
import dev.secrets.spi.StoreConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Points the {@code aws} store's {@code endpoint} at a raw HTTP server on {@code 127.0.0.1} that
 * replies to the real AWS SDK in ways AWS never does. Every read must end in a typed exception
 * within {@link #LONGEST_CALL} (plus slack for a loaded machine), after at most
 * {@code max-attempts} requests.
 */
@ExtendWith(ExchangeReport.class)
class HostileAwsTest {

    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(1);
    private static final int MAX_ATTEMPTS = 2;

    /**
     * The longest a failed call may take. When a reply stops with at most 512 KiB of its body
     * missing, the JDK's URL connection drains the rest for connection reuse on its own thread with
     * a fixed 5-second socket timeout, and the SDK's timeout waits for that before it ends the call.
     */
    private static final Duration LONGEST_CALL = API_CALL_TIMEOUT.plusSeconds(5);
    private static final String AMZ_JSON = "application/x-amz-json-1.1";

    /** A batch read, as {@code resolve} does, and a versioned read, which uses GetSecretValue. */
    private static final Map<String, SecretReference> READS = Map.of(
            "BatchGetSecretValue", SecretReference.parse("db"),
            "GetSecretValue", SecretReference.parse("db").withVersionStage("AWSPREVIOUS"));

    /** What a test checks about one failed read. */
    @FunctionalInterface
    private interface ReadCheck {

        void check(String scenario, SecretException failure, HostileServer server);
    }

    @Test
    void malformedSuccessRepliesAreUnavailable() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty", "");
        bodies.put("truncated JSON", "{\"SecretValues\": [{\"Name\": \"db\", \"SecretString\": \"x");
        bodies.put("not an object", "[1, 2, 3]");
        bodies.put("wrong types", "{\"SecretValues\": \"x\", \"Errors\": 5, \"Name\": [\"db\"], \"SecretString\": {}, "
                + "\"VersionStages\": \"AWSCURRENT\"}");
        bodies.put("wrong nested types", "{\"SecretValues\": [{\"Name\": [], \"SecretString\": 5, "
                + "\"VersionStages\": [{}]}]}");
        bodies.put("deep nesting", "{\"SecretValues\": " + "[".repeat(50_000));
        bodies.put("html", "<html><body>Service Unavailable</body></html>");
        bodies.put("no fields", "{}");
        bodies.put("null fields", "{\"SecretValues\": null, \"Errors\": null, \"Name\": null, \"SecretString\": null}");
        bodies.put("entries without names", "{\"SecretValues\": [{\"SecretString\": \"x\"}], "
                + "\"Errors\": [{\"ErrorCode\": \"ResourceNotFoundException\"}]}");
        bodies.forEach((name, body) -> forEachRead(HostileServer.reply(200, AMZ_JSON, body), "of " + name,
                (scenario, failure, server) -> {
                    assertTyped(scenario, failure, SecretStoreUnavailableException.class);
                    assertFalse(failure.getMessage().contains("'null'"), scenario + ": " + failure.getMessage());
                }));
    }

    @Test
    void brokenTransportIsUnavailableAfterBoundedAttempts() {
        Map<String, HostileServer.Behaviour> faults = new LinkedHashMap<>();
        faults.put("silence", HostileServer.neverAnswer());
        faults.put("stall mid-body", HostileServer.stallMidBody(200, AMZ_JSON, "{\"SecretValues\": [", 100));
        faults.put("truncated body", HostileServer.truncated(200, AMZ_JSON, "{\"SecretValues\": [", 100));
        faults.put("reset mid-body", HostileServer.resetMidBody(200, AMZ_JSON, "{\"SecretValues\": [", 100));
        faults.put("broken status line", HostileServer.raw("HTTP/1.1 OK\r\n\r\n"));
        faults.put("not http", HostileServer.raw("SSH-2.0-OpenSSH_9.6\r\n"));
        faults.put("throttling", HostileServer.reply(400, AMZ_JSON,
                "{\"__type\": \"ThrottlingException\", \"message\": \"Rate exceeded\"}"));
        faults.put("too many requests", HostileServer.reply(429, "text/plain", "slow down", "Retry-After: 0"));
        faults.put("service unavailable", HostileServer.reply(503, "text/html", "<html>down</html>"));
        faults.put("internal error", HostileServer.reply(500, AMZ_JSON, "{\"__type\": \"InternalServiceError\"}"));
        faults.forEach((name, fault) -> forEachRead(fault, "against " + name, (scenario, failure, server) -> {
            assertTyped(scenario, failure, SecretStoreUnavailableException.class);
            assertTrue(failure.retryable(), scenario);
            assertTrue(server.received().size() <= MAX_ATTEMPTS,
                    scenario + ": " + server.received().size() + " requests");
        }));
    }

    @Test
    void errorRepliesWithoutACodeAreTyped() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty", "");
        bodies.put("no type", "{\"message\": \"something\"}");
        bodies.put("type not a string", "{\"__type\": 5, \"message\": []}");
        bodies.put("html", "<html>Bad Request</html>");
        bodies.forEach((name, body) -> forEachRead(HostileServer.reply(400, AMZ_JSON, body), "of 400 with " + name,
                (scenario, failure, server) -> {
                    assertFalse(failure.getMessage().contains("bug"), scenario + ": " + failure.getMessage());
                    assertFalse(failure.getMessage().contains(" null "), scenario + ": " + failure.getMessage());
                }));
    }

    @Test
    void oversizedReplyStopsAtTheLimit() {
        forEachRead(HostileServer.endlessBody(200, AMZ_JSON,
                "{\"Name\": \"db\", \"SecretValues\": [{\"Name\": \"db\", \"SecretString\": \"", 64L * 1024 * 1024),
                "of an endless body", (scenario, failure, server) -> {
                    assertTyped(scenario, failure, SecretFormatException.class);
                    assertTrue(failure.getMessage().contains("16777216 bytes"), failure.getMessage());
                });
    }

    @Test
    void endlessListingPagesEndWithinTheTimeout() {
        String page = "{\"SecretList\": [{\"Name\": \"db\", \"ARN\": \"arn:aws:secretsmanager:us-east-1:123456789012:"
                + "secret:db-AbCdEf\"}], \"NextToken\": \"again\"}";
        try (HostileServer server = HostileServer.start(HostileServer.reply(200, AMZ_JSON, page));
                Secrets secrets = awsChain(server)) {
            SecretException failure = assertThrowsWithin(LONGEST_CALL, SecretException.class,
                    () -> await(secrets.store("aws").orElseThrow().list()), "ListSecrets");

            assertTyped("ListSecrets", failure, SecretStoreUnavailableException.class);
            assertTrue(failure.getMessage().contains("repeated a NextToken"), failure.getMessage());
            assertEquals(2, server.received().size());
        }
    }

    /** Reads with each of {@link #READS} from a fresh server with {@code behaviour}, and checks the failure. */
    private static void forEachRead(HostileServer.Behaviour behaviour, String description, ReadCheck check) {
        for (Map.Entry<String, SecretReference> read : READS.entrySet()) {
            try (HostileServer server = HostileServer.start(behaviour); Secrets secrets = awsChain(server)) {
                String scenario = read.getKey() + " " + description;

                SecretException failure = assertThrowsWithin(LONGEST_CALL, SecretException.class,
                        () -> secrets.resolve(read.getValue()), scenario);

                check.check(scenario, failure, server);
            }
        }
    }

    private static void assertTyped(String scenario, SecretException failure,
            Class<? extends SecretException> expected) {
        assertEquals(expected, failure.getClass(), scenario + ": " + failure);
        assertFalse(failure.getMessage().contains("bug"), scenario + ": " + failure.getMessage());
    }

    private static Secrets awsChain(HostileServer server) {
        return Secrets.builder()
                .store(StoreConfig.builder("aws")
                        .option("region", "us-east-1")
                        .option("endpoint", server.uri().toString())
                        .option("access-key-id", "AKIAHOSTILETEST00001")
                        .option("secret-access-key", "hostile-test-secret-key")
                        .option("api-call-timeout", API_CALL_TIMEOUT.toMillis() + "ms")
                        .option("max-attempts", MAX_ATTEMPTS)
                        .build())
                .environment(Map.of())
                .build();
    }
}
