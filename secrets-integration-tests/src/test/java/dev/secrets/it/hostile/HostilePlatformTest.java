package dev.secrets.it.hostile;

import static dev.secrets.it.support.Bounded.assertThrowsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.it.support.ExchangeReport;
import dev.secrets.it.support.HostileServer;
import dev.secrets.platform.ExternalStoreSpec;
import dev.secrets.platform.PlatformClient;
import dev.secrets.spi.StoreConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Points the platform management client and the {@code platform} store at servers that break the
 * protocol in every way a test can arrange. Every call must end in a typed exception within the
 * configured request timeout (plus slack for a loaded machine), never a hang, a
 * {@link NullPointerException} or a second copy of a write.
 *
 * <p>The module's own tests cover the node endpoint's replies in depth with a JDK server; these
 * add what needs a raw socket (broken status lines, resets, truncation against a declared length)
 * and every management operation.
 */
@ExtendWith(ExchangeReport.class)
class HostilePlatformTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final String JSON = "application/json";
    private static final long MAX_RESPONSE_BYTES = 64 * 1024;

    /** Returns every management operation by name. Each sends exactly one request. */
    private static Map<String, Consumer<PlatformClient>> operations() {
        Map<String, Consumer<PlatformClient>> operations = new LinkedHashMap<>();
        operations.put("add", client -> client.addSecret("db", SecretValue.ofUtf8("value")));
        operations.put("update", client -> client.updateSecret("sec-1", SecretValue.ofUtf8("value")));
        operations.put("remove", client -> client.removeSecret("sec-1"));
        operations.put("list", PlatformClient::listSecrets);
        operations.put("list-stores", PlatformClient::listStores);
        operations.put("add-external-store", client -> client.addExternalStore(ExternalStoreSpec.builder("aws")
                .option("region", "eu-west-1").build()));
        operations.put("select-store", client -> client.selectStore("st-1"));
        operations.put("delete-external-store", client -> client.deleteExternalStore("st-1"));
        operations.put("find-secret", client -> client.findSecret("db"));
        operations.put("find-store", client -> client.findStore("prod"));
        return operations;
    }

    /** The operations whose reply body is read; the others succeed on any 2xx JSON reply. */
    private static final List<String> READING_REPLIES = List.of("add", "list", "list-stores", "add-external-store",
            "find-secret", "find-store");

    @Test
    void brokenTransportFailsEveryOperationOnce() {
        Map<String, HostileServer.Behaviour> faults = new LinkedHashMap<>();
        faults.put("truncated body", HostileServer.truncated(200, JSON, "{\"secrets\": [", 100));
        faults.put("reset mid-body", HostileServer.resetMidBody(200, JSON, "{\"secrets\": [", 100));
        faults.put("html page", HostileServer.reply(200, "text/html", "<html>login</html>"));
        faults.put("no content type", HostileServer.reply(200, null, "{}"));
        faults.put("throttling", HostileServer.reply(429, JSON, "{\"detail\": \"slow down\"}", "Retry-After: 0"));
        faults.put("unavailable", HostileServer.reply(503, "text/html", "<html>maintenance</html>",
                "Retry-After: 0"));
        faults.put("broken status line", HostileServer.raw("HTTP/1.1 OK\r\n\r\n"));
        faults.put("status out of range", HostileServer.raw("HTTP/1.1 9999 Odd\r\nContent-Length: 0\r\n\r\n"));
        faults.put("not http", HostileServer.raw("SSH-2.0-OpenSSH_9.6\r\n"));
        faults.put("bad content length", HostileServer.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: ten\r\n\r\n{}"));
        faults.put("garbage header", HostileServer.raw("HTTP/1.1 200 OK\r\n\u0000\u0001\r\n\r\n"));

        for (Map.Entry<String, HostileServer.Behaviour> fault : faults.entrySet()) {
            for (Map.Entry<String, Consumer<PlatformClient>> operation : operations().entrySet()) {
                try (HostileServer server = HostileServer.start(fault.getValue());
                        PlatformClient client = client(server)) {
                    String scenario = operation.getKey() + " against " + fault.getKey();

                    SecretStoreUnavailableException failure = assertThrowsWithin(TIMEOUT,
                            SecretStoreUnavailableException.class, () -> operation.getValue().accept(client), scenario);

                    assertTrue(failure.retryable(), scenario);
                    assertEquals(1, server.received().size(), scenario + ": a write may reach the platform only once");
                }
            }
        }
    }

    @Test
    void silentServersTimeOutEveryOperation() {
        Duration shortTimeout = Duration.ofMillis(250);
        List<HostileServer.Behaviour> faults = List.of(HostileServer.neverAnswer(),
                HostileServer.stallMidBody(200, JSON, "{\"secrets\": [", 100));
        for (HostileServer.Behaviour fault : faults) {
            for (Map.Entry<String, Consumer<PlatformClient>> operation : operations().entrySet()) {
                try (HostileServer server = HostileServer.start(fault);
                        PlatformClient client = client(server, shortTimeout)) {
                    SecretStoreUnavailableException failure = assertThrowsWithin(shortTimeout,
                            SecretStoreUnavailableException.class, () -> operation.getValue().accept(client),
                            operation.getKey());

                    assertTrue(failure.getMessage().contains("within 250 ms"), failure.getMessage());
                    assertEquals(1, server.received().size(), operation.getKey());
                }
            }
        }
    }

    @Test
    void oversizedRepliesStopAtTheLimit() {
        List<HostileServer.Behaviour> faults = List.of(
                HostileServer.endlessBody(200, JSON, "{\"secrets\": \"", 50L * 1024 * 1024),
                HostileServer.reply(200, JSON, "{\"secrets\": []}" + " ".repeat((int) MAX_RESPONSE_BYTES)),
                HostileServer.reply(400, JSON, "{\"detail\": \"" + "x".repeat((int) MAX_RESPONSE_BYTES) + "\"}"));
        for (HostileServer.Behaviour fault : faults) {
            for (Map.Entry<String, Consumer<PlatformClient>> operation : operations().entrySet()) {
                try (HostileServer server = HostileServer.start(fault); PlatformClient client = client(server)) {
                    SecretFormatException failure = assertThrowsWithin(TIMEOUT, SecretFormatException.class,
                            () -> operation.getValue().accept(client), operation.getKey());

                    assertTrue(failure.getMessage().contains(MAX_RESPONSE_BYTES + " bytes"), failure.getMessage());
                }
            }
        }
    }

    @Test
    void malformedSuccessRepliesAreUnavailable() {
        List<String> bodies = List.of(
                "", "null", "[]", "42", "\"text\"", "{", "{}", "{\"secret_id\": ", "{\"secret_id\": \"a\"} trailing",
                "{\"secret_id\": 5, \"store_id\": 5, \"secrets\": 5, \"stores\": 5, \"default_store_id\": 5}",
                "{\"secret_id\": null, \"store_id\": null, \"secrets\": null, \"stores\": null}",
                "{\"secret_id\": [], \"store_id\": {}, \"secrets\": [null], \"stores\": [null], "
                        + "\"default_store_id\": \"default\"}",
                "{\"secrets\": [{\"id\": 1, \"name\": [], \"last_updated\": {}}], \"stores\": [{\"id\": \"a\"}], "
                        + "\"default_store_id\": \"a\"}",
                "{\"secrets\": [{\"id\": \"a\", \"name\": \"db\", \"last_updated\": \"x\", \"last_accessed\": 7}], "
                        + "\"stores\": [{\"type\": \"t\", \"id\": \"a\", \"name\": \"prod\", \"is_writable\": \"yes\", "
                        + "\"is_deletable\": 1, \"options\": []}], \"default_store_id\": 1}",
                "{\"secret_id\": 1e999999, \"store_id\": -0}",
                "[".repeat(1_000),
                "{\"a\":".repeat(1_000));
        for (String body : bodies) {
            for (String operation : READING_REPLIES) {
                try (HostileServer server = HostileServer.start(HostileServer.reply(200, JSON, body));
                        PlatformClient client = client(server)) {
                    String scenario = operation + " of '" + body.substring(0, Math.min(body.length(), 40)) + "'";
                    SecretStoreUnavailableException failure = assertThrowsWithin(TIMEOUT,
                            SecretStoreUnavailableException.class, () -> operations().get(operation).accept(client),
                            scenario);

                    assertFalse(failure.getMessage().contains("bug"), scenario + ": " + failure.getMessage());
                }
            }
        }
        try (HostileServer server = HostileServer.start(HostileServer.reply(200, JSON,
                new byte[] {'{', '"', 's', 'e', 'c', 'r', 'e', 't', '_', 'i', 'd', '"', ':', '"', (byte) 0xC3, 0x28,
                    '"', '}'}));
                PlatformClient client = client(server)) {
            assertThrowsWithin(TIMEOUT, SecretStoreUnavailableException.class,
                    () -> client.addSecret("db", SecretValue.ofUtf8("value")), "add of invalid UTF-8");
        }
    }

    @Test
    void malformedErrorRepliesKeepTheirStatus() {
        Map<String, Class<? extends SecretException>> byStatus = new LinkedHashMap<>();
        byStatus.put("401", SecretAccessDeniedException.class);
        byStatus.put("403", SecretAccessDeniedException.class);
        byStatus.put("422", SecretFormatException.class);
        byStatus.put("500", SecretStoreUnavailableException.class);
        byStatus.put("400", SecretException.class);
        byStatus.put("302", SecretException.class);
        List<String> bodies = List.of("", "<html>", "{\"detail\": 5}", "{\"detail\": [5, null, {}]}",
                "{\"detail\": [{\"loc\": 5, \"msg\": [], \"type\": {}}]}", "{\"detail\": {\"nested\": true}}",
                "[".repeat(1_000));
        for (Map.Entry<String, Class<? extends SecretException>> status : byStatus.entrySet()) {
            for (String body : bodies) {
                try (HostileServer server = HostileServer.start(HostileServer.reply(
                        Integer.parseInt(status.getKey()), JSON, body, "Location: http://127.0.0.1:1/"));
                        PlatformClient client = client(server)) {
                    SecretException failure = assertThrowsWithin(TIMEOUT, status.getValue(), client::listSecrets,
                            "HTTP " + status.getKey() + " with '" + body.substring(0, Math.min(body.length(), 40))
                                    + "'");

                    assertTrue(failure.getMessage().contains("HTTP " + status.getKey()), failure.getMessage());
                }
            }
        }
    }

    @Test
    void redirectIsNotFollowed() {
        try (HostileServer elsewhere = HostileServer.start(HostileServer.reply(200, JSON, "{\"secrets\": []}"));
                HostileServer server = HostileServer.start(HostileServer.reply(307, JSON, "{}",
                        "Location: " + elsewhere.uri() + "/user/secrets/list"));
                PlatformClient client = client(server)) {
            assertThrowsWithin(TIMEOUT, SecretException.class, client::listSecrets, "redirect");

            assertEquals(0, elsewhere.received().size());
        }
    }

    @Test
    void nodeStoreFailsEachHostileReply() {
        Map<String, HostileServer.Behaviour> faults = new LinkedHashMap<>();
        faults.put("silence", HostileServer.neverAnswer());
        faults.put("truncated body", HostileServer.truncated(200, JSON, "{\"results\": [", 100));
        faults.put("broken status line", HostileServer.raw("HTTP/1.1 OK\r\n\r\n"));
        faults.put("deep nesting", HostileServer.reply(200, JSON, "{\"results\": " + "[".repeat(1_000)));
        faults.put("invalid UTF-8", HostileServer.reply(200, JSON, new byte[] {'{', '"', (byte) 0xFF, '"', '}'}));
        faults.put("null results", HostileServer.reply(200, JSON, "{\"results\": [null, 5, \"x\"]}"));
        faults.put("value and error", HostileServer.reply(200, JSON, "{\"results\": [{\"name\": \"db\", "
                + "\"value\": \"AAAA\", \"error\": {\"code\": \"not_found\", \"message\": \"x\"}}]}"));
        faults.put("redirect", HostileServer.reply(302, JSON, "{}", "Location: http://127.0.0.1:1/"));
        faults.put("endless body", HostileServer.endlessBody(200, JSON, "{\"results\": \"", 50L * 1024 * 1024));
        for (Map.Entry<String, HostileServer.Behaviour> fault : faults.entrySet()) {
            try (HostileServer server = HostileServer.start(fault.getValue());
                    Secrets secrets = Secrets.builder().store(StoreConfig.builder("platform")
                            .option("endpoint", server.uri().toString())
                            .option("node-token", "node-token")
                            .option("request-timeout", "1500ms")
                            .option("max-retries", 0)
                            .option("max-response-bytes", 64 * 1024)
                            .build()).environment(Map.of()).build()) {
                SecretException failure = assertThrowsWithin(TIMEOUT, SecretException.class,
                        () -> secrets.resolve("db"), fault.getKey());

                assertTrue(failure instanceof SecretStoreUnavailableException
                        || failure instanceof SecretFormatException
                        || failure.getClass() == SecretException.class, fault.getKey() + ": " + failure);
                assertFalse(failure.getMessage().contains("bug in the store"), fault.getKey() + ": " + failure);
            }
        }
    }

    private static PlatformClient client(HostileServer server) {
        return client(server, TIMEOUT);
    }

    private static PlatformClient client(HostileServer server, Duration timeout) {
        return PlatformClient.builder()
                .endpoint(server.uri())
                .userKey("user-key")
                .workspaceId("t-abcd1234")
                .requestTimeout(timeout)
                .connectTimeout(timeout)
                .maxResponseBytes(MAX_RESPONSE_BYTES)
                .build();
    }
}
