package dev.secrets.testkit.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.SecretName;
import dev.secrets.spi.SecretStore;
import dev.secrets.testkit.MemorySecretStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checks the local platform's HTTP surface with raw requests: status codes, error bodies and the
 * order of checks. Tests through {@code PlatformClient} live in the integration tests.
 */
class LocalPlatformServerTest {

    @RegisterExtension
    static final LocalPlatformServerExtension PLATFORM = new LocalPlatformServerExtension();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void serverListensOnLoopback() {
        URI uri = PLATFORM.server().uri();

        assertEquals("127.0.0.1", uri.getHost());
        assertNotEquals(0, uri.getPort());
    }

    @Test
    void createdWorkspaceHasPlatformIdForm() {
        Workspace workspace = PLATFORM.server().createWorkspace();

        assertTrue(workspace.id().matches("t-[a-z0-9]{8}"), workspace.id());
        assertEquals("default", workspace.defaultStoreId());
    }

    @Test
    void workspaceIdMustHavePlatformForm() {
        assertThrows(IllegalArgumentException.class, () -> PLATFORM.server().createWorkspace("tenant-1"));
    }

    @Test
    void unknownUserKeyIsForbiddenBeforeValidation() throws Exception {
        HttpResponse<String> reply = post("/user/secrets/add", Map.of("X-Tenzir-UserKey", "nope"), "{}");

        assertEquals(403, reply.statusCode());
        assertEquals("{\"detail\":\"Invalid API Key\"}", reply.body());
    }

    @Test
    void missingFieldsAreListedWithEchoedInput() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();

        HttpResponse<String> reply = post("/user/secrets/add", Map.of("X-Tenzir-UserKey", workspace.userKey()),
                "{\"tenant_id\": \"" + workspace.id() + "\", \"value\": \"hunter2\"}");

        assertEquals(422, reply.statusCode());
        JsonNode error = json.readTree(reply.body()).get("detail").get(0);
        assertEquals("missing", error.get("type").asText());
        assertEquals("[\"body\",\"name\"]", error.get("loc").toString());
        assertEquals("Field required", error.get("msg").asText());
        assertEquals("hunter2", error.get("input").get("value").asText());
    }

    @Test
    void wrongTypeIsStringTypeError() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();

        HttpResponse<String> reply = post("/user/secrets/list", Map.of("X-Tenzir-UserKey", workspace.userKey()),
                "{\"tenant_id\": \"" + workspace.id() + "\", \"store_id\": 5}");

        assertEquals(422, reply.statusCode());
        JsonNode error = json.readTree(reply.body()).get("detail").get(0);
        assertEquals("string_type", error.get("type").asText());
        assertEquals("[\"body\",\"store_id\"]", error.get("loc").toString());
    }

    @Test
    void malformedTenantIdIsPatternError() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();

        HttpResponse<String> reply = post("/user/secrets/list-stores",
                Map.of("X-Tenzir-UserKey", workspace.userKey()), "{\"tenant_id\": \"T-1\"}");

        assertEquals(422, reply.statusCode());
        assertEquals("string_pattern_mismatch", json.readTree(reply.body()).get("detail").get(0).get("type").asText());
    }

    @Test
    void invalidJsonIsJsonInvalidError() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();

        HttpResponse<String> reply = post("/user/secrets/list", Map.of("X-Tenzir-UserKey", workspace.userKey()),
                "{\"tenant_id\": ");

        assertEquals(422, reply.statusCode());
        assertEquals("json_invalid", json.readTree(reply.body()).get("detail").get(0).get("type").asText());
    }

    @Test
    void unsupportedStoreTypeIsEnumError() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();

        HttpResponse<String> reply = post("/user/secrets/add-external-store",
                Map.of("X-Tenzir-UserKey", workspace.userKey()),
                "{\"tenant_id\": \"" + workspace.id() + "\", \"type\": \"vault\", \"options\": {}}");

        assertEquals(422, reply.statusCode());
        JsonNode error = json.readTree(reply.body()).get("detail").get(0);
        assertEquals("enum", error.get("type").asText());
        assertEquals("Input should be 'aws'", error.get("msg").asText());
    }

    @Test
    void keyOfAnotherWorkspaceIsForbidden() throws Exception {
        Workspace mine = PLATFORM.server().createWorkspace();
        Workspace theirs = PLATFORM.server().createWorkspace();

        HttpResponse<String> reply = post("/user/secrets/list", Map.of("X-Tenzir-UserKey", mine.userKey()),
                "{\"tenant_id\": \"" + theirs.id() + "\"}");

        assertEquals(403, reply.statusCode());
    }

    @Test
    void keyForMissingWorkspaceIsTenantNotFound() throws Exception {
        PLATFORM.server().addUserKey("uk-orphan", "t-zzzzzzzz");

        HttpResponse<String> reply = post("/user/secrets/list", Map.of("X-Tenzir-UserKey", "uk-orphan"),
                "{\"tenant_id\": \"t-zzzzzzzz\"}");

        assertEquals(404, reply.statusCode());
        assertEquals("{\"detail\":\"Tenant not found\"}", reply.body());
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        HttpResponse<String> reply = post("/user/secrets/explode", Map.of(), "{}");

        assertEquals(404, reply.statusCode());
    }

    @Test
    void getIsMethodNotAllowed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(PLATFORM.server().uri().resolve("/user/secrets/list")).GET()
                .build();

        HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(405, reply.statusCode());
    }

    @Test
    void nodeRequestWithoutTokenIsUnauthorized() throws Exception {
        HttpResponse<String> reply = post("/node/secrets/resolve", Map.of(), "{\"public_key\": \"\", \"names\": []}");

        assertEquals(401, reply.statusCode());
        assertEquals("Bearer", reply.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void nodeRequestWithShortKeyIsRejected() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();

        HttpResponse<String> reply = post("/node/secrets/resolve",
                Map.of("Authorization", "Bearer " + workspace.nodeToken()),
                "{\"public_key\": \"AAAA\", \"names\": [\"a\"]}");

        assertEquals(422, reply.statusCode());
        assertEquals("[\"body\",\"public_key\"]",
                json.readTree(reply.body()).get("detail").get(0).get("loc").toString());
    }

    @Test
    void revokedNodeTokenIsUnauthorized() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();
        String token = workspace.newNodeToken();
        workspace.revokeNodeToken(token);

        HttpResponse<String> reply = post("/node/secrets/resolve", Map.of("Authorization", "Bearer " + token),
                "{\"public_key\": \"AAAA\", \"names\": []}");

        assertEquals(401, reply.statusCode());
    }

    @Test
    void oversizedRequestIsRejected() throws Exception {
        HttpResponse<String> reply = post("/user/secrets/list", Map.of(), "x".repeat(1024 * 1024 + 1));

        assertEquals(413, reply.statusCode());
    }

    @Test
    void serverClosesFactoryStores() {
        AtomicInteger made = new AtomicInteger();
        MemorySecretStore[] stores = new MemorySecretStore[1];
        LocalPlatformServer server = LocalPlatformServer.builder().builtinStoreFactory(id -> {
            made.incrementAndGet();
            stores[0] = MemorySecretStore.builder().name(id).build();
            return stores[0];
        }).start();

        Workspace workspace = server.createWorkspace();
        SecretStore builtin = workspace.builtinStore();
        server.close();

        assertEquals(1, made.get());
        assertTrue(builtin == stores[0]);
        assertThrows(IllegalStateException.class, () -> stores[0].list());
    }

    @Test
    void removedWorkspaceNodeTokenStopsWorking() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();
        workspace.builtinStore().add(SecretName.of("a"), "v".getBytes(StandardCharsets.UTF_8)).join();
        PLATFORM.server().removeWorkspace(workspace.id());

        HttpResponse<String> reply = post("/node/secrets/resolve",
                Map.of("Authorization", "Bearer " + workspace.nodeToken()), "{\"public_key\": \"AAAA\", \"names\": []}");

        assertEquals(401, reply.statusCode());
        assertFalse(PLATFORM.server().workspace(workspace.id()).isPresent());
    }

    @Test
    void extensionInjectsServerParameter(LocalPlatformServer server) {
        assertTrue(server == PLATFORM.server());
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(PLATFORM.server().uri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
