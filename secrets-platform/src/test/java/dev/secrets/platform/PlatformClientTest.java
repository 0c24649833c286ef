package dev.secrets.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.InvalidSecretNameException;
import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformClientTest {

    private static final String USER_KEY = "user-key-1";
    private static final String WORKSPACE = "t-abcd1234";
    private static final String CANARY = "canary-Zq8#value";

    private final ObjectMapper json = new ObjectMapper();
    private StubServer stub;
    private PlatformClient client;

    @BeforeEach
    void start() throws IOException {
        stub = new StubServer();
        client = PlatformClient.builder()
                .endpoint(stub.uri() + "/api")
                .userKey(USER_KEY)
                .workspaceId(WORKSPACE)
                .header("X-Proxy-Auth", "proxy-secret")
                .requestTimeout(Duration.ofSeconds(2))
                .maxResponseBytes(4096)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void addSendsSchemaFieldsAndReturnsId() throws IOException {
        stub.handler(replying(200, "{\"secret_id\": \"s-1\"}"));

        String id = client.addSecret("db-password", SecretValue.ofUtf8(CANARY));

        assertEquals("s-1", id);
        StubServer.RecordedRequest request = stub.requests().get(0);
        assertEquals("/api/user/secrets/add", request.path());
        assertEquals(USER_KEY, request.header("X-Tenzir-UserKey"));
        assertEquals("proxy-secret", request.header("X-Proxy-Auth"));
        assertEquals(Map.of("tenant_id", WORKSPACE, "name", "db-password", "value", CANARY),
                json.readValue(request.body(), Map.class));
    }

    @Test
    void addToStoreSendsStoreId() throws IOException {
        stub.handler(replying(200, "{\"secret_id\": \"s-1\"}"));

        client.addSecret("db", SecretValue.ofUtf8("v"), "st-1");

        assertEquals("st-1", body(0).get("store_id").asText());
    }

    @Test
    void updateSendsSecretIdAndValue() throws IOException {
        stub.handler(replying(200, "{}"));

        client.updateSecret("s-1", SecretValue.ofUtf8("new"), "default");

        assertEquals("/api/user/secrets/update", stub.requests().get(0).path());
        assertEquals(Map.of("tenant_id", WORKSPACE, "store_id", "default", "secret_id", "s-1", "value", "new"),
                json.readValue(stub.requests().get(0).body(), Map.class));
    }

    @Test
    void removeSendsSecretId() throws IOException {
        stub.handler(replying(200, "{}"));

        client.removeSecret("s-1");

        assertEquals("/api/user/secrets/remove", stub.requests().get(0).path());
        assertEquals(Map.of("tenant_id", WORKSPACE, "secret_id", "s-1"),
                json.readValue(stub.requests().get(0).body(), Map.class));
    }

    @Test
    void listReadsSecretDetails() throws IOException {
        stub.handler(replying(200, "{\"secrets\": [{\"last_updated\": \"2025-01-02T03:04:05\", "
                + "\"last_accessed\": null, \"id\": \"s-1\", \"name\": \"db\"}]}"));

        List<SecretDetails> secrets = client.listSecrets("st-9");

        assertEquals(List.of(new SecretDetails("2025-01-02T03:04:05", null, "s-1", "db")), secrets);
        assertEquals(Map.of("tenant_id", WORKSPACE, "store_id", "st-9"),
                json.readValue(stub.requests().get(0).body(), Map.class));
    }

    @Test
    void listStoresReadsStoreDetails() {
        stub.handler(replying(200, "{\"default_store_id\": \"st-1\", \"stores\": ["
                + "{\"type\": \"tenzir\", \"id\": \"default\", \"name\": \"Tenzir Platform\", \"is_writable\": true, "
                + "\"is_deletable\": false, \"options\": {}},"
                + "{\"type\": \"vault\", \"id\": \"st-1\", \"name\": \"v\", \"is_writable\": false, "
                + "\"is_deletable\": true, \"options\": {\"address\": \"https://vault\"}}]}"));

        ListStoresResponse stores = client.listStores();

        assertEquals("st-1", stores.defaultStoreId());
        assertEquals("vault", stores.stores().get(1).type());
        assertEquals("https://vault", stores.stores().get(1).options().get("address"));
        assertTrue(stores.stores().get(0).isWritable());
    }

    @Test
    void addExternalStoreSendsSpec() throws IOException {
        stub.handler(replying(200, "{\"store_id\": \"st-7\"}"));
        ExternalStoreSpec spec = ExternalStoreSpec.builder("aws")
                .name("prod")
                .option("region", "eu-west-1")
                .option("assumed_role_arn", "arn:aws:iam::123456789012:role/r")
                .makeDefault(true)
                .build();

        String id = client.addExternalStore(spec);

        assertEquals("st-7", id);
        assertEquals(Map.of("tenant_id", WORKSPACE, "type", "aws", "name", "prod", "is_writable", false,
                "make_default", true, "options", Map.of("region", "eu-west-1",
                        "assumed_role_arn", "arn:aws:iam::123456789012:role/r")),
                json.readValue(stub.requests().get(0).body(), Map.class));
    }

    @Test
    void selectAndDeleteSendStoreId() throws IOException {
        stub.handler(replying(200, "{}"));

        client.selectStore("st-7");
        client.deleteExternalStore("st-7");

        assertEquals("/api/user/secrets/select-store", stub.requests().get(0).path());
        assertEquals("/api/user/secrets/delete-external-store", stub.requests().get(1).path());
        assertEquals(Map.of("tenant_id", WORKSPACE, "store_id", "st-7"),
                json.readValue(stub.requests().get(1).body(), Map.class));
    }

    @Test
    void forbiddenIsAccessDeniedWithHint() {
        stub.handler(replying(403, "{\"detail\": \"Invalid API Key\"}"));

        SecretAccessDeniedException error = assertThrows(SecretAccessDeniedException.class, client::listSecrets);

        assertEquals("Could not list secrets in workspace t-abcd1234 (HTTP 403: Invalid API Key). The user key is "
                + "invalid, has expired, or does not cover this workspace; select the workspace again to get a "
                + "fresh user key.", error.getMessage());
    }

    @Test
    void readOnlyStoreIsReadOnlyException() {
        stub.handler(replying(400, "{\"detail\": \"Readonly secret store\"}"));

        ReadOnlySecretStoreException error = assertThrows(ReadOnlySecretStoreException.class,
                () -> client.removeSecret("s-1"));

        assertTrue(error.getMessage().startsWith("Could not remove secret 's-1' in workspace t-abcd1234 (HTTP 400: "
                + "Readonly secret store): the store is read-only."), error.getMessage());
    }

    @Test
    void existingNameIsAlreadyExists() {
        stub.handler(replying(400, "{\"detail\": \"Secret already exists\"}"));

        assertThrows(SecretAlreadyExistsException.class, () -> client.addSecret("db", SecretValue.ofUtf8("v")));
    }

    @Test
    void otherBadRequestKeepsDetail() {
        stub.handler(replying(400, "{\"detail\": \"Invalid or missing secret store credentials. Please check your "
                + "configuration.\"}"));

        SecretException error = assertThrows(SecretException.class, client::listSecrets);

        assertTrue(error.getMessage().contains("(HTTP 400: Invalid or missing secret store credentials."),
                error.getMessage());
        assertFalse(error.retryable());
    }

    @Test
    void closedClientSendsNothing() {
        PlatformClient closed = PlatformClient.builder().endpoint(stub.uri()).userKey("key").workspaceId("t-abcd1234").build();
        closed.close();

        assertThrows(IllegalStateException.class, closed::listSecrets);
        assertEquals(0, stub.requests().size());
    }

    @Test
    void notFoundIsSecretNotFound() {
        stub.handler(replying(404, "{\"detail\": \"Secret store not found\"}"));

        SecretNotFoundException error = assertThrows(SecretNotFoundException.class, () -> client.selectStore("st-x"));

        assertTrue(error.getMessage().startsWith("Could not select store 'st-x' in workspace t-abcd1234 (HTTP 404: "
                + "Secret store not found) from "), error.getMessage());
        assertTrue(error.getMessage().contains("check that the endpoint is the platform API's base URL"), error.getMessage());
    }

    @Test
    void validationErrorOmitsEchoedInput() {
        stub.handler(replying(422, "{\"detail\": [{\"type\": \"string_too_long\", \"loc\": [\"body\", \"value\"], "
                + "\"msg\": \"String should have at most 4 characters\", \"input\": \"" + CANARY + "\", "
                + "\"ctx\": {\"max_length\": 4}}]}"));

        SecretFormatException error = assertThrows(SecretFormatException.class,
                () -> client.addSecret("db", SecretValue.ofUtf8(CANARY)));

        assertEquals("Could not add secret 'db' in workspace t-abcd1234 (HTTP 422: body.value: String should have at "
                + "most 4 characters (string_too_long)). The platform rejected the request as invalid; fix the "
                + "fields named above.", error.getMessage());
    }

    @Test
    void validationMessageQuotingValueIsScrubbed() {
        stub.handler(replying(422, "{\"detail\": [{\"type\": \"value_error\", \"loc\": [\"body\", \"value\"], "
                + "\"msg\": \"Value error, '" + CANARY + "' is weak\", \"input\": \"" + CANARY + "\"}]}"));

        SecretFormatException error = assertThrows(SecretFormatException.class,
                () -> client.addSecret("db", SecretValue.ofUtf8(CANARY)));

        assertFalse(error.getMessage().contains(CANARY), error.getMessage());
        assertTrue(error.getMessage().contains("body.value: Value error, '***' is weak (value_error)"),
                error.getMessage());
    }

    @Test
    void plainDetailQuotingValueIsScrubbed() {
        stub.handler(replying(400, "{\"detail\": \"cannot store " + CANARY + "\"}"));

        SecretException error = assertThrows(SecretException.class,
                () -> client.updateSecret("s-1", SecretValue.ofUtf8(CANARY)));

        assertFalse(error.getMessage().contains(CANARY), error.getMessage());
    }

    @Test
    void unreadableValidationBodyShowsOnlyStatus() {
        stub.handler(replying(422, "{\"detail\": [{\"input\": \"" + CANARY + "\"}]}"));

        SecretFormatException error = assertThrows(SecretFormatException.class,
                () -> client.addSecret("db", SecretValue.ofUtf8(CANARY)));

        assertTrue(error.getMessage().startsWith("Could not add secret 'db' in workspace t-abcd1234 (HTTP 422)."),
                error.getMessage());
    }

    @Test
    void serverErrorsAndThrottlingAreUnavailable() {
        for (int status : new int[] {429, 500, 502, 503, 504}) {
            stub.handler(replying(status, "{\"detail\": \"busy\"}"));

            SecretException error = assertThrows(SecretException.class, client::listStores);

            assertInstanceOf(SecretStoreUnavailableException.class, error, "HTTP " + status);
            assertTrue(error.retryable());
        }
    }

    @Test
    void htmlReplyIsUnavailable() {
        stub.handler((exchange, request) -> StubServer.reply(exchange, 200, "text/html; charset=utf-8", "<html/>"));

        SecretStoreUnavailableException error = assertThrows(SecretStoreUnavailableException.class,
                client::listStores);

        assertTrue(error.getMessage().contains("with content type 'text/html; charset=utf-8' instead of JSON"),
                error.getMessage());
    }

    @Test
    void malformedAndMistypedRepliesAreUnavailable() {
        List<String> bodies = List.of(
                "{\"secrets\": [",
                "{\"secrets\": {}}",
                "{\"secrets\": [{\"id\": 1, \"name\": \"a\", \"last_updated\": \"x\"}]}",
                "{\"secrets\": [{\"id\": \"1\", \"name\": \"a\"}]}",
                "{\"secrets\": null}",
                "\"secrets\"",
                "{\"secrets\": []} trailing");
        for (String body : bodies) {
            stub.handler(replying(200, body));

            SecretException error = assertThrows(SecretException.class, client::listSecrets);

            assertInstanceOf(SecretStoreUnavailableException.class, error, body);
        }
    }

    @Test
    void missingFieldIsNamed() {
        stub.handler(replying(200, "{\"secrets\": [{\"id\": \"1\", \"name\": \"a\"}]}"));

        SecretStoreUnavailableException error = assertThrows(SecretStoreUnavailableException.class,
                client::listSecrets);

        assertTrue(error.getMessage().contains("replied with a missing or null field 'last_updated'"),
                error.getMessage());
    }

    @Test
    void oversizedReplyIsFormatError() {
        stub.handler(replying(200, "{\"secrets\": [], \"pad\": \"" + "x".repeat(10_000) + "\"}"));

        SecretFormatException error = assertThrows(SecretFormatException.class, client::listSecrets);

        assertTrue(error.getMessage().contains("is larger than the limit of 4096 bytes"), error.getMessage());
    }

    @Test
    void slowServerTimesOut() {
        stub.handler((exchange, request) -> stub.hang());

        SecretStoreUnavailableException error = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(SecretStoreUnavailableException.class, client::listSecrets));

        assertTrue(error.getMessage().contains("within 2000 ms"), error.getMessage());
    }

    @Test
    void binaryValueIsRejectedBeforeRequest() {
        SecretFormatException error = assertThrows(SecretFormatException.class,
                () -> client.addSecret("db", SecretValue.of(new byte[] {(byte) 0xff, 0x00})));

        assertTrue(error.getMessage().startsWith("Cannot add secret 'db': the value is not valid UTF-8 text"));
        assertEquals(0, stub.requests().size());
    }

    @Test
    void oversizedValueIsRejectedBeforeRequest() {
        SecretFormatException error = assertThrows(SecretFormatException.class,
                () -> client.addSecret("db", SecretValue.ofUtf8("x".repeat(65_537))));

        assertEquals("Cannot add secret 'db': the value has 65537 bytes, more than the limit of 65536 bytes.",
                error.getMessage());
        assertEquals(0, stub.requests().size());
    }

    @Test
    void invalidNameIsRejectedBeforeRequest() {
        assertThrows(InvalidSecretNameException.class, () -> client.addSecret("bad name", SecretValue.ofUtf8("v")));
        assertEquals(0, stub.requests().size());
    }

    @Test
    void findSecretPrefersIdThenName() {
        stub.handler(replying(200, "{\"secrets\": ["
                + "{\"last_updated\": \"t\", \"last_accessed\": null, \"id\": \"s-1\", \"name\": \"db\"},"
                + "{\"last_updated\": \"t\", \"last_accessed\": null, \"id\": \"db\", \"name\": \"other\"},"
                + "{\"last_updated\": \"t\", \"last_accessed\": null, \"id\": \"s-3\", \"name\": \"api\"}]}"));

        assertEquals("db", client.findSecret("db").id());
        assertEquals("s-3", client.findSecret("api").id());
        assertEquals("s-1", client.findSecret("s-1").id());
    }

    @Test
    void findSecretRejectsAmbiguousName() {
        stub.handler(replying(200, "{\"secrets\": ["
                + "{\"last_updated\": \"t\", \"last_accessed\": null, \"id\": \"s-2\", \"name\": \"db\"},"
                + "{\"last_updated\": \"t\", \"last_accessed\": null, \"id\": \"s-1\", \"name\": \"db\"}]}"));

        InvalidSecretNameException error = assertThrows(InvalidSecretNameException.class,
                () -> client.findSecret("db"));

        assertEquals("The name 'db' belongs to 2 secrets in the default store of workspace t-abcd1234 (ids s-1, s-2); "
                + "give the id instead.", error.getMessage());
    }

    @Test
    void findSecretReportsMissingName() {
        stub.handler(replying(200, "{\"secrets\": []}"));

        SecretNotFoundException error = assertThrows(SecretNotFoundException.class,
                () -> client.findSecret("db", "st-1"));

        assertEquals("No secret has the id or name 'db' in store 'st-1' of workspace t-abcd1234. List the secrets to "
                + "see their names and ids.", error.getMessage());
    }

    @Test
    void findStoreByIdNameAndAmbiguity() {
        stub.handler(replying(200, "{\"default_store_id\": \"default\", \"stores\": ["
                + store("tenzir", "default", "Tenzir Platform") + "," + store("aws", "st-1", "prod") + ","
                + store("aws", "st-2", "dup") + "," + store("aws", "st-3", "dup") + "]}"));

        assertEquals("default", client.findStore("default").id());
        assertEquals("st-1", client.findStore("prod").id());
        InvalidSecretNameException ambiguous = assertThrows(InvalidSecretNameException.class,
                () -> client.findStore("dup"));
        assertEquals("The name 'dup' belongs to 2 secret stores in workspace t-abcd1234 (ids st-2, st-3); give the id "
                + "instead.", ambiguous.getMessage());
        SecretNotFoundException missing = assertThrows(SecretNotFoundException.class,
                () -> client.findStore("nope"));
        assertEquals("No secret store has the id or name 'nope' in workspace t-abcd1234. Known stores: "
                + "default (Tenzir Platform), st-1 (prod), st-2 (dup), st-3 (dup).", missing.getMessage());
    }

    @Test
    void toStringHidesKeyAndHeaderValues() {
        String text = client.toString();

        assertFalse(text.contains(USER_KEY), text);
        assertFalse(text.contains("proxy-secret"), text);
    }

    @Test
    void builderNamesMissingParts() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> PlatformClient.builder().endpoint("https://h").build());

        assertEquals("endpoint, userKey and workspaceId are required; missing: userKey, workspaceId",
                error.getMessage());
    }

    @Test
    void builderRejectsPlainHttpToRemoteHost() {
        PlatformClient.Builder builder = PlatformClient.builder().endpoint("http://platform.example.com")
                .userKey("k").workspaceId(WORKSPACE);

        assertThrows(IllegalArgumentException.class, builder::build);
    }

    @Test
    void builderRejectsReservedHeader() {
        assertThrows(IllegalArgumentException.class,
                () -> PlatformClient.builder().header("X-Tenzir-UserKey", "other"));
    }

    @Test
    void builderRejectsConnectTimeoutWithOwnClient() {
        PlatformClient.Builder builder = PlatformClient.builder().endpoint("https://h").userKey("k")
                .workspaceId(WORKSPACE).httpClient(HttpClient.newHttpClient()).connectTimeout(Duration.ofSeconds(1));

        assertThrows(IllegalStateException.class, builder::build);
    }

    private JsonNode body(int index) throws IOException {
        return json.readTree(stub.requests().get(index).body());
    }

    private static String store(String type, String id, String name) {
        return "{\"type\": \"" + type + "\", \"id\": \"" + id + "\", \"name\": \"" + name + "\", \"is_writable\": "
                + "false, \"is_deletable\": true, \"options\": {}}";
    }

    private static StubServer.Handler replying(int status, String body) {
        return (exchange, request) -> StubServer.json(exchange, status, body);
    }
}
