package dev.secrets.it.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.it.logging.CapturedLogs;
import dev.secrets.platform.PlatformClient;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.platform.LocalPlatformServerExtension;
import dev.secrets.testkit.platform.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Resolves secrets of a local platform workspace through the {@code platform} store type. */
class PlatformNodeResolutionTest {

    private static final String CANARY = "canary-node-Vb3$value";

    @RegisterExtension
    static final LocalPlatformServerExtension PLATFORM = new LocalPlatformServerExtension();

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void addedSecretResolvesThroughEnvConfigPlatformChain() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            client.addSecret("geheim", SecretValue.ofUtf8(CANARY));
        }

        try (Secrets secrets = nodeChain(workspace, Map.of(), Map.of());
                SecretValue value = secrets.resolve("geheim")) {
            assertEquals(CANARY, value.asString());
            assertEquals("platform", value.store().orElseThrow());
        }
    }

    @Test
    void environmentAndConfigComeBeforePlatform() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            client.addSecret("from-env", SecretValue.ofUtf8("platform"));
            client.addSecret("from-config", SecretValue.ofUtf8("platform"));
        }
        int before = PLATFORM.server().requestCount("/node/secrets/resolve");

        try (Secrets secrets = nodeChain(workspace, Map.of("SECRETS__FROM_ENV", "env"),
                Map.of("from-config", "config"))) {
            assertEquals("env", secrets.resolve("from-env").asString());
            assertEquals("config", secrets.resolve("from-config").asString());
        }
        assertEquals(before, PLATFORM.server().requestCount("/node/secrets/resolve"));
    }

    @Test
    void missingNameIsNotFoundNamingEveryStore() {
        Workspace workspace = PLATFORM.server().createWorkspace();

        try (Secrets secrets = nodeChain(workspace, Map.of(), Map.of())) {
            SecretNotFoundException error = assertThrows(SecretNotFoundException.class,
                    () -> secrets.resolve("nowhere"));

            assertEquals(List.of("env", "config", "platform"), error.storesConsulted());
        }
    }

    @Test
    void batchOfNamesIsOneNodeRequest() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            client.addSecret("a", SecretValue.ofUtf8("1"));
            client.addSecret("b", SecretValue.ofUtf8("2"));
        }
        int before = PLATFORM.server().requestCount("/node/secrets/resolve");

        try (Secrets secrets = Secrets.builder().store(workspace.nodeStore().build()).environment(Map.of()).build()) {
            Map<SecretReference, SecretLookup> results = secrets.lookupAll(List.of(
                    SecretReference.parse("a"), SecretReference.parse("b"), SecretReference.parse("c")));

            assertEquals("1", results.get(SecretReference.parse("a")).value().asString());
            assertEquals("2", results.get(SecretReference.parse("b")).value().asString());
            assertInstanceOf(SecretNotFoundException.class, results.get(SecretReference.parse("c")).failure());
        }
        assertEquals(1, PLATFORM.server().requestCount("/node/secrets/resolve") - before);
    }

    @Test
    void sealedValueOnWireDoesNotContainPlaintext() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            client.addSecret("geheim", SecretValue.ofUtf8(CANARY));
        }

        try (RecordingProxy proxy = new RecordingProxy(PLATFORM.server().uri());
                Secrets secrets = Secrets.builder()
                        .store(workspace.nodeStore().option("endpoint", proxy.uri().toString()).build())
                        .environment(Map.of())
                        .build()) {
            assertEquals(CANARY, secrets.resolve("geheim").asString());

            byte[] reply = proxy.replyBodies().get(0);
            String replyText = new String(reply, StandardCharsets.ISO_8859_1);
            assertFalse(replyText.contains(CANARY), "plaintext on the wire");
            JsonNode result = json.readTree(reply).get("results").get(0);
            byte[] sealed = Base64.getDecoder().decode(result.get("value").asText());
            assertEquals(CANARY.length() + 60, sealed.length);
            assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(CANARY));
            assertFalse(new String(proxy.requestBodies().get(0), StandardCharsets.ISO_8859_1).contains(CANARY));
        }
    }

    @Test
    void nodeOfOneWorkspaceCannotReadAnother() {
        Workspace a = PLATFORM.server().createWorkspace();
        Workspace b = PLATFORM.server().createWorkspace();
        try (PlatformClient client = b.client()) {
            client.addSecret("only-in-b", SecretValue.ofUtf8(CANARY));
        }

        try (Secrets nodeOfA = Secrets.builder().store(a.nodeStore().build()).environment(Map.of()).build();
                Secrets nodeOfB = Secrets.builder().store(b.nodeStore().build()).environment(Map.of()).build()) {
            assertThrows(SecretNotFoundException.class, () -> nodeOfA.resolve("only-in-b"));
            assertEquals(CANARY, nodeOfB.resolve("only-in-b").asString());
        }
    }

    @Test
    void revokedNodeTokenIsAccessDenied() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        String token = workspace.newNodeToken();
        workspace.revokeNodeToken(token);

        try (Secrets secrets = Secrets.builder().store(workspace.nodeStore().option("node-token", token).build())
                .environment(Map.of()).build()) {
            SecretAccessDeniedException error = assertThrows(SecretAccessDeniedException.class,
                    () -> secrets.resolve("anything"));

            assertTrue(error.getMessage().contains("replied HTTP 401: Invalid node token"), error.getMessage());
            assertFalse(error.getMessage().contains(token));
        }
    }

    @Test
    void nodeReadSetsLastAccessed() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            client.addSecret("geheim", SecretValue.ofUtf8("v"));
            try (Secrets secrets = Secrets.builder().store(workspace.nodeStore().build()).environment(Map.of())
                    .build()) {
                secrets.resolve("geheim").close();
            }

            assertNotNull(client.findSecret("geheim").lastAccessed());
        }
    }

    @Test
    void valuesNeverReachLogsOrMessages() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            String id = client.addSecret("geheim", SecretValue.ofUtf8(CANARY));
            client.updateSecret(id, SecretValue.ofUtf8(CANARY + "2"));
            assertThrows(RuntimeException.class, () -> client.addSecret("geheim", SecretValue.ofUtf8(CANARY)));
            assertFalse(client.toString().contains(workspace.userKey()));
        }
        try (Secrets secrets = nodeChain(workspace, Map.of(), Map.of())) {
            assertEquals(CANARY + "2", secrets.resolve("geheim").asString());
            assertFalse(secrets.toString().contains(workspace.nodeToken()));
        }

        List<String> events = CapturedLogs.events();
        assertTrue(events.stream().noneMatch(event -> event.contains(CANARY)), "a value was logged");
        assertTrue(events.stream().noneMatch(event -> event.contains(workspace.nodeToken())), "the token was logged");
    }

    private Secrets nodeChain(Workspace workspace, Map<String, String> environment, Map<String, String> config) {
        return Secrets.builder()
                .store(StoreConfig.builder("env").build())
                .store(StoreConfig.builder("config").option("values", config).build())
                .store(workspace.nodeStore().build())
                .environment(environment)
                .build();
    }
}
