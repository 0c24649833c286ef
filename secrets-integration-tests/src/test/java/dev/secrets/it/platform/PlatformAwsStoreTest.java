package dev.secrets.it.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.platform.ExternalStoreSpec;
import dev.secrets.platform.ListStoresResponse;
import dev.secrets.platform.PlatformClient;
import dev.secrets.platform.SecretDetails;
import dev.secrets.platform.SecretStoreDetails;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.aws.AssumeRoleCall;
import dev.secrets.testkit.aws.LocalAwsServer;
import dev.secrets.testkit.aws.LocalAwsServerExtension;
import dev.secrets.testkit.platform.LocalPlatformServer;
import dev.secrets.testkit.platform.LocalPlatformServerExtension;
import dev.secrets.testkit.platform.Workspace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workspace scenario with AWS: an AWS store with a prefix and a role becomes the workspace's
 * default, nodes resolve from it, and writes to it are rejected.
 */
class PlatformAwsStoreTest {

    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/secrets-read";

    @RegisterExtension
    static final LocalAwsServerExtension AWS = new LocalAwsServerExtension();

    @RegisterExtension
    static final LocalPlatformServerExtension PLATFORM =
            new LocalPlatformServerExtension(LocalPlatformServer.builder().environment(Map.of()));

    @Test
    void nodeResolvesFromDefaultAwsStoreUnderPrefix() {
        AWS.server().putSecret("tenzir/geheim", "from-aws");
        AWS.server().putSecret("geheim", "outside-the-prefix");
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            client.addSecret("geheim", SecretValue.ofUtf8("from-builtin"));

            String storeId = client.addExternalStore(prefixedAwsStore(true));

            assertTrue(storeId.matches("st-[a-z0-9]{8}"), storeId);
            assertEquals(storeId, workspace.defaultStoreId());
            try (Secrets node = nodeOf(workspace); SecretValue value = node.resolve("geheim")) {
                assertEquals("from-aws", value.asString());
            }
            ReadOnlySecretStoreException error = assertThrows(ReadOnlySecretStoreException.class,
                    () -> client.addSecret("new", SecretValue.ofUtf8("v")));
            assertTrue(error.getMessage().contains("(HTTP 400: Readonly secret store)"), error.getMessage());
            assertEquals("tenzir/", client.findStore(storeId).options().get("prefix"));
        }
        List<AssumeRoleCall> roleCalls = AWS.server().assumeRoleCalls();
        assertFalse(roleCalls.isEmpty());
        assertEquals(ROLE_ARN, roleCalls.get(0).roleArn());
    }

    @Test
    void forcedRefreshReachesAwsThroughPlatform() {
        AWS.server().putSecret("tenzir/rotated", "old");
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client(); Secrets node = nodeOf(workspace)) {
            client.addExternalStore(prefixedAwsStore(true));
            assertEquals("old", node.resolve("rotated").asString());

            AWS.server().rotateSecret("tenzir/rotated", "new");

            assertEquals("old", node.resolve("rotated").asString(), "a plain read is answered by the node's cache");
            assertEquals("new", node.refresh("rotated").asString());
        }
    }

    @Test
    void nameOutsidePrefixIsFinalOnNode() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client(); Secrets node = nodeOf(workspace)) {
            client.addExternalStore(prefixedAwsStore(true));
            int callsBefore = AWS.server().callCount("GetSecretValue") + AWS.server().callCount("BatchGetSecretValue");

            SecretFormatException error = assertThrows(SecretFormatException.class, () -> node.resolve("../other"));

            assertFalse(error.retryable());
            assertTrue(error.getMessage().contains("outside the prefix 'tenzir/'"), error.getMessage());
            assertEquals(callsBefore, AWS.server().callCount("GetSecretValue") + AWS.server().callCount("BatchGetSecretValue"));
        }
    }

    @Test
    void listingAwsStoreShowsNamesUnderPrefix() {
        AWS.server().putSecret("tenzir/geheim", "v");
        AWS.server().putSecret("other/hidden", "v");
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            String storeId = client.addExternalStore(prefixedAwsStore(false));

            List<SecretDetails> secrets = client.listSecrets(storeId);

            assertEquals(List.of("geheim"), secrets.stream().map(SecretDetails::name).toList());
        }
    }

    @Test
    void defaultAwsStoreServesNodesAndRejectsWrites() {
        AWS.server().putSecret("geheim", "from-aws");
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            String storeId = client.addExternalStore(awsStore(true));
            String secretId = client.findSecret("geheim").id();

            try (Secrets node = nodeOf(workspace)) {
                assertEquals("from-aws", node.resolve("geheim").asString());
            }
            List<Runnable> writes = List.of(
                    () -> client.addSecret("new", SecretValue.ofUtf8("v")),
                    () -> client.addSecret("new", SecretValue.ofUtf8("v"), storeId),
                    () -> client.updateSecret(secretId, SecretValue.ofUtf8("v")),
                    () -> client.removeSecret(secretId, storeId));
            for (Runnable write : writes) {
                ReadOnlySecretStoreException error = assertThrows(ReadOnlySecretStoreException.class, write::run);

                assertTrue(error.getMessage().contains("(HTTP 400: Readonly secret store)"), error.getMessage());
            }
        }
        assertEquals(ROLE_ARN, AWS.server().assumeRoleCalls().get(0).roleArn());
    }

    @Test
    void listStoresShowsAwsStoreWithoutCredentials() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            String storeId = client.addExternalStore(awsStore(false));

            ListStoresResponse stores = client.listStores();

            assertEquals("default", stores.defaultStoreId());
            SecretStoreDetails aws = client.findStore("prod");
            assertEquals(storeId, aws.id());
            assertEquals("aws", aws.type());
            assertFalse(aws.isWritable());
            assertTrue(aws.isDeletable());
            assertEquals(ROLE_ARN, aws.options().get("assumed_role_arn"));
            assertEquals(AWS.server().region(), aws.options().get("region"));
            assertFalse(aws.options().containsKey("secret_access_key"));
            assertFalse(aws.options().containsValue(LocalAwsServer.SECRET_ACCESS_KEY));
        }
    }

    @Test
    void selectingBuiltinStoreAgainSwitchesNodes() {
        AWS.server().putSecret("geheim", "from-aws");
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client(); Secrets node = nodeOf(workspace)) {
            client.addSecret("geheim", SecretValue.ofUtf8("from-builtin"));
            String storeId = client.addExternalStore(awsStore(false));
            assertEquals("from-builtin", node.resolve("geheim").asString());

            // The platform store is cached on the node, so a switch shows once the cache entry
            // expires or is invalidated. The test invalidates instead of waiting for the TTL.
            client.selectStore(storeId);
            node.invalidateAll();
            assertEquals("from-aws", node.resolve("geheim").asString());

            client.selectStore("default");
            node.invalidateAll();
            assertEquals("from-builtin", node.resolve("geheim").asString());
        }
    }

    @Test
    void defaultExternalStoreCannotBeDeleted() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            String storeId = client.addExternalStore(awsStore(true));

            SecretException error = assertThrows(SecretException.class, () -> client.deleteExternalStore(storeId));
            assertTrue(error.getMessage().contains("(HTTP 400: Cannot delete the default secret store; select "
                    + "another store first)"), error.getMessage());

            client.selectStore("default");
            client.deleteExternalStore(storeId);
            assertEquals(1, client.listStores().stores().size());
        }
    }

    @Test
    void deniedAwsSecretIsAccessDeniedForNode() {
        AWS.server().putSecret("locked", "v");
        AWS.server().denySecret("locked");
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            client.addExternalStore(awsStore(true));
        }

        try (Secrets node = nodeOf(workspace)) {
            assertThrows(SecretAccessDeniedException.class, () -> node.resolve("locked"));
            assertThrows(SecretNotFoundException.class, () -> node.resolve("absent"));
        }
    }

    @Test
    void deniedListingIsCredentialsError() {
        AWS.server().denyAction("ListSecrets");
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            String storeId = client.addExternalStore(awsStore(false));

            SecretException error = assertThrows(SecretException.class, () -> client.listSecrets(storeId));

            assertTrue(error.getMessage().contains("(HTTP 400: Invalid or missing secret store credentials. Please "
                    + "check your configuration.)"), error.getMessage());
        }
    }

    @Test
    void invalidAwsOptionIsValidationError() {
        Workspace workspace = PLATFORM.server().createWorkspace();
        try (PlatformClient client = workspace.client()) {
            ExternalStoreSpec spec = ExternalStoreSpec.builder("aws")
                    .option("region", "not a region")
                    .option("assumed_role_arn", ROLE_ARN)
                    .build();

            SecretException error = assertThrows(SecretException.class, () -> client.addExternalStore(spec));

            assertTrue(error.getMessage().contains("(HTTP 422: body.options: Value error, "), error.getMessage());
            assertTrue(error.getMessage().contains("Invalid configuration at options.region: 'not a region' is not "
                    + "an AWS region name"), error.getMessage());
        }
    }

    /** Returns an AWS store with a prefix and a role, both services on the local AWS server. */
    private static ExternalStoreSpec prefixedAwsStore(boolean makeDefault) {
        return awsStoreBuilder(makeDefault).option("prefix", "tenzir/").build();
    }

    /** Returns an AWS store with a role and no prefix. */
    private static ExternalStoreSpec awsStore(boolean makeDefault) {
        return awsStoreBuilder(makeDefault).build();
    }

    private static ExternalStoreSpec.Builder awsStoreBuilder(boolean makeDefault) {
        LocalAwsServer aws = AWS.server();
        return ExternalStoreSpec.builder("aws")
                .name("prod")
                .option("region", aws.region())
                .option("assumed_role_arn", ROLE_ARN)
                .option("endpoint", aws.endpoint().toString())
                .option("sts_endpoint", aws.endpoint().toString())
                .option("access_key_id", LocalAwsServer.ACCESS_KEY_ID)
                .option("secret_access_key", LocalAwsServer.SECRET_ACCESS_KEY)
                .makeDefault(makeDefault);
    }

    private static Secrets nodeOf(Workspace workspace) {
        return Secrets.builder().store(workspace.nodeStore().build()).environment(Map.of()).build();
    }
}
