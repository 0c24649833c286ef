package dev.secrets.it.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.platform.ExternalStoreSpec;
import dev.secrets.platform.ListStoresResponse;
import dev.secrets.platform.PlatformClient;
import dev.secrets.platform.SecretDetails;
import dev.secrets.platform.SecretStoreDetails;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreCapabilities;
import dev.secrets.testkit.MemorySecretStore;
import dev.secrets.testkit.platform.LocalPlatformServer;
import dev.secrets.testkit.platform.LocalPlatformServerExtension;
import dev.secrets.testkit.platform.Workspace;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs every management operation and its documented errors through PlatformClient. */
class PlatformManagementTest {

    private static final String CANARY = "canary-mgmt-7Qx!";

    @RegisterExtension
    static final LocalPlatformServerExtension PLATFORM = new LocalPlatformServerExtension();

    @Test
    void addListUpdateRemoveRoundTrip() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            String id = client.addSecret("db-password", SecretValue.ofUtf8("first"));

            List<SecretDetails> listed = client.listSecrets();
            assertEquals(1, listed.size());
            assertEquals(id, listed.get(0).id());
            assertEquals("db-password", listed.get(0).name());
            assertNotNull(listed.get(0).lastUpdated());
            assertNull(listed.get(0).lastAccessed());

            client.updateSecret(id, SecretValue.ofUtf8("second"));
            assertEquals("second", storedValue(workspace, "db-password"));

            client.removeSecret(id);
            assertEquals(List.of(), client.listSecrets());
        }
    }

    @Test
    void addWithStoreIdWritesBuiltinStore() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            client.addSecret("api-token", SecretValue.ofUtf8("t"), "default");

            assertEquals(1, client.listSecrets("default").size());
        }
    }

    @Test
    void listStoresShowsBuiltinStoreAsDefault() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            ListStoresResponse stores = client.listStores();

            assertEquals("default", stores.defaultStoreId());
            assertEquals(List.of(new SecretStoreDetails("tenzir", "default", "Tenzir Platform", true, false, Map.of())),
                    stores.stores());
        }
    }

    @Test
    void findHelpersResolveNamesAndIds() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            String id = client.addSecret("db", SecretValue.ofUtf8("v"));

            assertEquals(id, client.findSecret("db").id());
            assertEquals("db", client.findSecret(id).name());
            assertEquals("default", client.findStore("Tenzir Platform").id());
            assertThrows(SecretNotFoundException.class, () -> client.findSecret("nope"));
        }
    }

    @Test
    void addingExistingNameIsAlreadyExists() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            client.addSecret("db", SecretValue.ofUtf8("v"));

            SecretAlreadyExistsException error = assertThrows(SecretAlreadyExistsException.class,
                    () -> client.addSecret("db", SecretValue.ofUtf8(CANARY)));

            assertTrue(error.getMessage().contains("(HTTP 400: Secret already exists)"), error.getMessage());
            assertFalse(error.getMessage().contains(CANARY));
        }
    }

    @Test
    void updatingOrRemovingUnknownIdIsNotFound() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            SecretNotFoundException update = assertThrows(SecretNotFoundException.class,
                    () -> client.updateSecret("no-such-id", SecretValue.ofUtf8("v")));
            SecretNotFoundException remove = assertThrows(SecretNotFoundException.class,
                    () -> client.removeSecret("no-such-id"));

            assertTrue(update.getMessage().contains("(HTTP 404: Secret not found)"), update.getMessage());
            assertTrue(remove.getMessage().contains("(HTTP 404: Secret not found)"), remove.getMessage());
        }
    }

    @Test
    void unknownStoreIdIsStoreNotFound() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            for (Runnable call : List.<Runnable>of(
                    () -> client.selectStore("st-missing0"),
                    () -> client.deleteExternalStore("st-missing0"),
                    () -> client.listSecrets("st-missing0"),
                    () -> client.addSecret("a", SecretValue.ofUtf8("v"), "st-missing0"))) {
                SecretNotFoundException error = assertThrows(SecretNotFoundException.class, call::run);

                assertTrue(error.getMessage().contains("(HTTP 404: Secret store not found)"), error.getMessage());
            }
        }
    }

    @Test
    void deletingBuiltinStoreIsRejected() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            SecretException error = assertThrows(SecretException.class, () -> client.deleteExternalStore("default"));

            assertFalse(error instanceof ReadOnlySecretStoreException, "a delete is not a write to a store");
            assertTrue(error.getMessage().contains("(HTTP 400: The built-in secret store cannot be deleted)"),
                    error.getMessage());
        }
    }

    @Test
    void writesToReadOnlyBuiltinStoreAreRejected() {
        try (LocalPlatformServer server = LocalPlatformServer.builder()
                .builtinStoreFactory(id -> MemorySecretStore.builder().readOnly(true).secret("db", "v").build())
                .start()) {
            Workspace workspace = server.createWorkspace();
            String id = workspace.builtinStore().list().join().get(0).id();
            try (PlatformClient client = workspace.client()) {
                assertThrows(ReadOnlySecretStoreException.class, () -> client.addSecret("x", SecretValue.ofUtf8("v")));
                assertThrows(ReadOnlySecretStoreException.class, () -> client.updateSecret(id, SecretValue.ofUtf8("v")));
                assertThrows(ReadOnlySecretStoreException.class, () -> client.removeSecret(id));
                assertFalse(client.listStores().stores().get(0).isWritable());
            }
        }
    }

    @Test
    void invalidUserKeyIsAccessDeniedForEveryOperation() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = PlatformClient.builder().endpoint(PLATFORM.server().uri())
                .userKey("uk-not-registered").workspaceId(workspace.id()).build()) {
            forEveryOperation(client, call -> {
                SecretAccessDeniedException error = assertThrows(SecretAccessDeniedException.class, call::run);

                assertTrue(error.getMessage().contains("(HTTP 403: Invalid API Key)"), error.getMessage());
                assertTrue(error.getMessage().endsWith("select the workspace again to get a fresh user key."));
            });
        }
    }

    @Test
    void userKeyOfOtherWorkspaceIsAccessDenied() {
        Workspace mine = PLATFORM.server().createWorkspace();
        Workspace theirs = PLATFORM.server().createWorkspace();
        theirs.builtinStore().add(SecretName.of("theirs"), bytes("v")).join();
        try (PlatformClient client = PlatformClient.builder().endpoint(PLATFORM.server().uri())
                .userKey(mine.userKey()).workspaceId(theirs.id()).build()) {
            forEveryOperation(client, call -> assertThrows(SecretAccessDeniedException.class, call::run));
        }
        assertEquals(1, theirs.builtinStore().list().join().size());
    }

    @Test
    void removedWorkspaceIsTenantNotFound() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        PLATFORM.server().removeWorkspace(workspace.id());
        try (PlatformClient client = workspace.client()) {
            forEveryOperation(client, call -> {
                SecretNotFoundException error = assertThrows(SecretNotFoundException.class, call::run);

                assertTrue(error.getMessage().contains("(HTTP 404: Tenant not found)"), error.getMessage());
            });
        }
    }

    @Test
    void malformedWorkspaceIdIsValidationErrorForEveryOperation() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        PLATFORM.server().addUserKey(workspace.userKey(), "T-NOT-VALID");
        try (PlatformClient client = PlatformClient.builder().endpoint(PLATFORM.server().uri())
                .userKey(workspace.userKey()).workspaceId("T-NOT-VALID").build()) {
            forEveryOperation(client, call -> {
                SecretFormatException error = assertThrows(SecretFormatException.class, call::run);

                assertTrue(error.getMessage().contains("(HTTP 422: body.tenant_id: String should match pattern "
                        + "'^t-[a-z0-9]{8}$' (string_pattern_mismatch))"), error.getMessage());
            });
        }
    }

    @Test
    void missingAwsOptionsAreValidationErrors() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            SecretFormatException error = assertThrows(SecretFormatException.class,
                    () -> client.addExternalStore(ExternalStoreSpec.builder("aws").option("region", "eu-west-1")
                            .build()));

            assertTrue(error.getMessage().contains("(HTTP 422: body.options.assumed_role_arn: Field required "
                    + "(missing))"), error.getMessage());
        }
    }

    @Test
    void unsupportedStoreTypeIsValidationError() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            SecretFormatException error = assertThrows(SecretFormatException.class,
                    () -> client.addExternalStore(ExternalStoreSpec.builder("vault").option("address", "x").build()));

            assertTrue(error.getMessage().contains("body.type: Input should be 'aws' (enum)"), error.getMessage());
        }
    }

    @Test
    void awsTypeWithoutProviderIsBadRequest() {
        ClassLoader withoutAws = new ProviderHidingClassLoader(getClass().getClassLoader(), "dev.secrets.aws");
        try (LocalPlatformServer server = LocalPlatformServer.builder().classLoader(withoutAws).start()) {
            Workspace workspace = server.createWorkspace();
            try (PlatformClient client = workspace.client()) {
                SecretException error = assertThrows(SecretException.class,
                        () -> client.addExternalStore(awsSpec()));

                assertTrue(error.getMessage().contains("(HTTP 400: Secret store type 'aws' is not available on this "
                        + "server; add the artifact dev.secrets:secrets-aws to its class path)"), error.getMessage());
                assertEquals(1, client.listStores().stores().size());
            }
        }
    }

    @Test
    void unreadableStoreListIsCredentialsError() {
        try (LocalPlatformServer server = LocalPlatformServer.builder()
                .builtinStoreFactory(id -> new ListDeniedStore())
                .start()) {
            Workspace workspace = server.createWorkspace();
            try (PlatformClient client = workspace.client()) {
                SecretException error = assertThrows(SecretException.class, client::listSecrets);

                assertEquals("Could not list secrets in workspace " + workspace.id() + " (HTTP 400: Invalid or "
                        + "missing secret store credentials. Please check your configuration.) from "
                        + server.uri() + "/user/secrets/list.", error.getMessage());
            }
        }
    }

    @Test
    void writableExternalStoreIsRejected() throws Exception {
        Workspace workspace = PLATFORM.server().createWorkspace();
        URI uri = URI.create(PLATFORM.server().uri() + "/user/secrets/add-external-store");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("X-Tenzir-UserKey", workspace.userKey())
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant_id\": \"" + workspace.id() + "\", "
                        + "\"type\": \"aws\", \"is_writable\": true, \"options\": {\"region\": \"eu-west-1\", "
                        + "\"assumed_role_arn\": \"arn:aws:iam::123456789012:role/r\"}}"))
                .build();

        HttpResponse<String> reply = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(400, reply.statusCode());
        assertEquals("{\"detail\":\"External secret stores are read-only; set is_writable to false\"}", reply.body());
    }

    /** Calls each of the eight operations once. */
    private static void forEveryOperation(PlatformClient client, Consumer<Runnable> check) {
        List<Runnable> calls = List.of(
                () -> client.addSecret("a", SecretValue.ofUtf8(CANARY)),
                () -> client.updateSecret("id", SecretValue.ofUtf8(CANARY)),
                () -> client.removeSecret("id"),
                client::listSecrets,
                client::listStores,
                () -> client.addExternalStore(awsSpec()),
                () -> client.selectStore("default"),
                () -> client.deleteExternalStore("st-00000000"));
        calls.forEach(check);
    }

    private static ExternalStoreSpec awsSpec() {
        return ExternalStoreSpec.builder("aws")
                .option("region", "eu-west-1")
                .option("assumed_role_arn", "arn:aws:iam::123456789012:role/r")
                .option("endpoint", "http://127.0.0.1:9")
                .option("access_key_id", "AKIAEXAMPLE")
                .option("secret_access_key", "example")
                .build();
    }

    private static String storedValue(Workspace workspace, String name) {
        SecretReference reference = SecretReference.of(SecretName.of(name));
        try (SecretValue value = workspace.builtinStore().resolve(reference).join().orElseThrow()) {
            return value.asString();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A built-in store whose listing is denied, as for an external store with bad credentials. */
    private static final class ListDeniedStore implements SecretStore {

        private final MemorySecretStore delegate = MemorySecretStore.builder().build();

        @Override
        public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
            return delegate.resolve(reference);
        }

        @Override
        public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
            return delegate.resolveAll(references);
        }

        @Override
        public StoreCapabilities capabilities() {
            return delegate.capabilities();
        }

        @Override
        public CompletableFuture<SecretMetadata> add(SecretName name, byte[] value) {
            return delegate.add(name, value);
        }

        @Override
        public CompletableFuture<SecretMetadata> update(SecretName name, byte[] value) {
            return delegate.update(name, value);
        }

        @Override
        public CompletableFuture<Void> delete(SecretName name) {
            return delegate.delete(name);
        }

        @Override
        public CompletableFuture<List<SecretMetadata>> list() {
            return CompletableFuture.failedFuture(new SecretAccessDeniedException("listing denied"));
        }
    }

    /** Hides the provider registrations of one package, as if its artifact were not on the class path. */
    private static final class ProviderHidingClassLoader extends ClassLoader {

        private final String hiddenPackage;

        ProviderHidingClassLoader(ClassLoader parent, String hiddenPackage) {
            super(parent);
            this.hiddenPackage = hiddenPackage;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws java.io.IOException {
            List<URL> kept = Collections.list(super.getResources(name)).stream()
                    .filter(url -> !registers(url))
                    .collect(Collectors.toList());
            return Collections.enumeration(kept);
        }

        private boolean registers(URL url) {
            try (var in = url.openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(hiddenPackage + ".");
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }
}
