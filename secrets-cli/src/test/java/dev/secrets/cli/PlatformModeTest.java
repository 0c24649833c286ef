package dev.secrets.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Platform mode against an HTTP server on 127.0.0.1 that records requests and returns fixed
 * replies, to check the wire requests and the handling of a 403.
 */
class PlatformModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> userKeys = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String reply = "{}";

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            bodies.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            userKeys.add(exchange.getRequestHeaders().getFirst("X-Tenzir-UserKey"));
            byte[] body = reply.getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private CliRun cli() {
        return new CliRun(temp.resolve("home"))
                .env("SECRETS_PLATFORM_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort() + "/api")
                .env("SECRETS_USER_KEY", "user-key-1")
                .env("SECRETS_WORKSPACE", "t-abcd1234");
    }

    @Test
    void addSendsSecretToWorkspace() {
        reply = "{\"secret_id\": \"sec-remote-1\"}";

        CliRun.Result result = cli().run("secret", "add", "geheim", "--value=hunter2");

        assertEquals(0, result.status(), result::toString);
        assertEquals("Added secret 'geheim' (id sec-remote-1).\n", result.out());
        assertEquals(List.of("/api/user/secrets/add"), paths);
        assertEquals("t-abcd1234", bodies.get(0).get("tenant_id").asText());
        assertEquals("geheim", bodies.get(0).get("name").asText());
        assertEquals("user-key-1", userKeys.get(0));
        assertFalse(Files.exists(temp.resolve("home")), "the embedded store must not be touched");
    }

    @Test
    void optionsOverrideEnvironment() {
        reply = "{\"secrets\": []}";

        CliRun.Result result = cli().run("secret", "list", "--json", "--user-key=other-key", "--workspace=t-zzzz9999");

        assertEquals(0, result.status(), result::toString);
        assertEquals("other-key", userKeys.get(0));
        assertEquals("t-zzzz9999", bodies.get(0).get("tenant_id").asText());
    }

    @Test
    void forbiddenExitsWithOneAndHint() {
        status = 403;
        reply = "{\"detail\": \"Invalid API Key\"}";

        CliRun.Result result = cli().run("secret", "list");

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().startsWith("error: "), result::toString);
        assertTrue(result.err().contains("Invalid API Key"), result::toString);
        assertEquals("", result.out());
    }

    @Test
    void storeAddAwsSendsOptions() {
        reply = "{\"store_id\": \"st-123\"}";

        CliRun.Result result = cli().run("secret", "store", "add", "aws", "--region=eu-west-1",
                "--assumed-role-arn=arn:aws:iam::123456789012:role/read", "--prefix=tenzir/", "--name=prod",
                "--external-id=ext-1", "--aws-endpoint=http://127.0.0.1:1");

        assertEquals(0, result.status(), result::toString);
        assertEquals("Added store st-123 (aws, eu-west-1, read-only).\n", result.out());
        JsonNode body = bodies.get(0);
        assertEquals("aws", body.get("type").asText());
        assertEquals("prod", body.get("name").asText());
        assertEquals("eu-west-1", body.get("options").get("region").asText());
        assertEquals("arn:aws:iam::123456789012:role/read", body.get("options").get("assumed_role_arn").asText());
        assertEquals("tenzir/", body.get("options").get("prefix").asText());
        assertEquals("ext-1", body.get("options").get("external_id").asText());
        assertEquals("http://127.0.0.1:1", body.get("options").get("endpoint").asText());
    }

    @Test
    void storeListMarksDefault() throws Exception {
        reply = "{\"default_store_id\": \"st-1\", \"stores\": ["
                + "{\"type\": \"tenzir\", \"id\": \"default\", \"name\": \"Tenzir\", \"is_writable\": true, "
                + "\"is_deletable\": false, \"options\": {}},"
                + "{\"type\": \"aws\", \"id\": \"st-1\", \"name\": \"prod\", \"is_writable\": false, "
                + "\"is_deletable\": true, \"options\": {\"region\": \"eu-west-1\"}}]}";

        CliRun.Result result = cli().run("secret", "store", "list", "--json");

        JsonNode stores = JSON.readTree(result.out());
        assertEquals(0, result.status(), result::toString);
        assertEquals("built-in", stores.get(0).get("type").asText());
        assertFalse(stores.get(0).get("is_default").asBoolean());
        assertEquals("st-1", stores.get(1).get("id").asText());
        assertTrue(stores.get(1).get("is_default").asBoolean());
    }
}
