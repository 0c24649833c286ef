package dev.secrets.aws;

import static dev.secrets.aws.LocalAws.reference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.aws.LocalAwsServer;
import dev.secrets.testkit.aws.LocalAwsServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class AwsSecretsManagerResolverTest {

    @RegisterExtension
    static final LocalAwsServerExtension AWS = new LocalAwsServerExtension();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        LocalAws.resetSdkClockOffset();
    }

    @Test
    void readsWithoutDescribeSecret() throws Exception {
        server().putSecret("db-password", "s3cr3t");
        server().putSecret("api-token", "t0ken");
        server().denyAction("DescribeSecret");
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        Optional<SecretValue> single = store.resolve(reference("db-password")).get(10, TimeUnit.SECONDS);
        Map<SecretReference, SecretLookup> batch =
                store.resolveAll(Set.of(reference("db-password"), reference("api-token"))).get(10, TimeUnit.SECONDS);

        assertEquals("s3cr3t", single.orElseThrow().asString());
        assertEquals("s3cr3t", batch.get(reference("db-password")).value().asString());
        assertEquals("t0ken", batch.get(reference("api-token")).value().asString());
        assertEquals(0, server().callCount("DescribeSecret"));
    }

    @Test
    void batchUsesBatchGetInChunksOfTwenty() throws Exception {
        Set<SecretReference> references = new LinkedHashSet<>();
        for (int i = 0; i < 45; i++) {
            server().putSecret("s" + i, "v" + i);
            references.add(reference("s" + i));
        }
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        Map<SecretReference, SecretLookup> results = store.resolveAll(references).get(10, TimeUnit.SECONDS);

        assertEquals(45, results.size());
        assertEquals("v44", results.get(reference("s44")).value().asString());
        assertEquals(3, server().callCount("BatchGetSecretValue"));
        assertEquals(0, server().callCount("GetSecretValue"));
    }

    @Test
    void deniedBatchFallsBackAndRemembers() throws Exception {
        server().putSecret("a", "1");
        server().putSecret("b", "2");
        server().denyAction("BatchGetSecretValue");
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));
        Set<SecretReference> references = Set.of(reference("a"), reference("b"), reference("missing"));

        Map<SecretReference, SecretLookup> first = store.resolveAll(references).get(10, TimeUnit.SECONDS);
        Map<SecretReference, SecretLookup> second = store.resolveAll(references).get(10, TimeUnit.SECONDS);

        assertEquals("1", first.get(reference("a")).value().asString());
        assertEquals("2", second.get(reference("b")).value().asString());
        assertEquals(SecretLookup.Status.NOT_FOUND, second.get(reference("missing")).status());
        assertEquals(1, server().callCount("BatchGetSecretValue"), "the denial is remembered");
        assertEquals(6, server().callCount("GetSecretValue"));
    }

    @Test
    void batchReportsEachFailureSeparately() throws Exception {
        server().putSecret("ok", "1");
        server().putSecret("forbidden", "2");
        server().denySecret("forbidden");
        server().putSecret("kms", "3");
        server().failDecryption("kms");
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        Map<SecretReference, SecretLookup> results = store.resolveAll(
                Set.of(reference("ok"), reference("forbidden"), reference("kms"), reference("missing")))
                .get(10, TimeUnit.SECONDS);

        assertEquals("1", results.get(reference("ok")).value().asString());
        assertInstanceOf(SecretAccessDeniedException.class, results.get(reference("forbidden")).failure());
        assertInstanceOf(SecretAccessDeniedException.class, results.get(reference("kms")).failure());
        assertTrue(results.get(reference("kms")).failure().getMessage().contains("kms:Decrypt"));
        assertEquals(SecretLookup.Status.NOT_FOUND, results.get(reference("missing")).status());
    }

    @Test
    void scheduledDeletionIsNotFoundWithDetail() throws Exception {
        server().putSecret("retired", "old");
        server().scheduleDeletion("retired");
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));
        SecretReference versioned = reference("retired").withVersionStage("AWSCURRENT");

        SecretLookup batched = store.resolveAll(Set.of(reference("retired"))).get(10, TimeUnit.SECONDS)
                .get(reference("retired"));
        SecretLookup single = store.resolveAll(Set.of(versioned)).get(10, TimeUnit.SECONDS).get(versioned);
        Optional<SecretValue> resolved = store.resolve(reference("retired")).get(10, TimeUnit.SECONDS);

        assertEquals(SecretLookup.Status.NOT_FOUND, batched.status());
        assertEquals("scheduled for deletion", batched.detail());
        assertEquals(SecretLookup.Status.NOT_FOUND, single.status());
        assertEquals("scheduled for deletion", single.detail());
        assertEquals(Optional.empty(), resolved);
    }

    @Test
    void previousStageReadsPreviousVersion() throws Exception {
        server().putSecretVersion("db", "v2", "current-value", "AWSCURRENT");
        server().putSecretVersion("db", "v1", "previous-value", "AWSPREVIOUS");
        AwsSecretsManagerResolver previousStore = store(LocalAws.config(server()).option("version-stage", "AWSPREVIOUS"));
        AwsSecretsManagerResolver currentStore = store(LocalAws.config(server()));

        SecretLookup fromStoreOption =
                previousStore.resolveAll(Set.of(reference("db"))).get(10, TimeUnit.SECONDS).get(reference("db"));
        SecretReference byReference = reference("db").withVersionStage("AWSPREVIOUS");
        SecretLookup fromReference = currentStore.resolveAll(Set.of(byReference)).get(10, TimeUnit.SECONDS)
                .get(byReference);
        SecretReference byId = reference("db").withVersionId("v2");
        SecretLookup fromVersionId = previousStore.resolveAll(Set.of(byId)).get(10, TimeUnit.SECONDS).get(byId);

        assertEquals("previous-value", fromStoreOption.value().asString());
        assertEquals("previous-value", fromReference.value().asString());
        assertEquals("current-value", fromVersionId.value().asString());
        assertEquals(0, server().callCount("BatchGetSecretValue"), "the batch action reads only AWSCURRENT");
    }

    @Test
    void partialArnMatchIsAnError() throws Exception {
        server().putSecret("app", "value-of-app");
        String arn = server().arn("app");
        String suffixedName = arn.substring(arn.indexOf(":secret:") + ":secret:".length());
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        SecretLookup batched = store.resolveAll(Set.of(reference(suffixedName))).get(10, TimeUnit.SECONDS)
                .get(reference(suffixedName));
        ExecutionException single = assertThrows(ExecutionException.class,
                () -> store.resolve(reference(suffixedName)).get(10, TimeUnit.SECONDS));

        assertInstanceOf(InvalidSecretNameException.class, batched.failure());
        assertTrue(batched.failure().getMessage().contains("returned secret 'app' when secret '" + suffixedName
                + "' was requested from store 'prod' (type aws)"), batched.failure().getMessage());
        assertInstanceOf(InvalidSecretNameException.class, single.getCause());
        assertFalse(single.getCause().getMessage().contains("value-of-app"));
    }

    @Test
    void binarySecretReadsAsBytes() throws Exception {
        byte[] key = {(byte) 0xde, (byte) 0xad, 0, (byte) 0xbe, (byte) 0xef};
        server().putSecret("tls/key", key);
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        SecretValue value = store.resolve(reference("tls/key")).get(10, TimeUnit.SECONDS).orElseThrow();

        assertArrayEquals(key, value.asBytes());
        assertThrows(SecretFormatException.class, value::asString);
    }

    @Test
    void valueOverSizeLimitIsFormatError() throws Exception {
        server().putSecret("big", "x".repeat(SecretValue.MAX_SIZE + 1));
        server().putSecret("at-limit", "y".repeat(SecretValue.MAX_SIZE));
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        Map<SecretReference, SecretLookup> results =
                store.resolveAll(Set.of(reference("big"), reference("at-limit"))).get(10, TimeUnit.SECONDS);

        SecretException tooBig = results.get(reference("big")).failure();
        assertInstanceOf(SecretFormatException.class, tooBig);
        assertTrue(tooBig.getMessage().contains("65537 bytes, over the limit of 65536 bytes"), tooBig.getMessage());
        assertEquals(SecretValue.MAX_SIZE, results.get(reference("at-limit")).value().size());
    }

    @Test
    void oversizedResponseIsCutOff() {
        byte[] fiftyMegabytes = new byte[50 * 1024 * 1024];
        server().putSecret("huge", fiftyMegabytes);
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> store.resolve(reference("huge").withVersionStage("AWSCURRENT")).get(60, TimeUnit.SECONDS));

        assertInstanceOf(SecretFormatException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("longer than 16777216 bytes"), failure.getCause().getMessage());
        assertTrue(failure.getCause().getMessage().startsWith("The AWS Secrets Manager response to GetSecretValue while "
                + "reading"), failure.getCause().getMessage());
        assertEquals(1, server().callCount("GetSecretValue"), "an oversized reply is not retried");
    }

    @Test
    void writesAreRejectedBeforeAnyCall() {
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));
        SecretName name = SecretName.of("new");
        byte[] small = "v".getBytes(StandardCharsets.UTF_8);

        ExecutionException add = assertThrows(ExecutionException.class, () -> store.add(name, small).get());
        ExecutionException update = assertThrows(ExecutionException.class, () -> store.update(name, small).get());
        ExecutionException delete = assertThrows(ExecutionException.class, () -> store.delete(name).get());
        ExecutionException oversized = assertThrows(ExecutionException.class,
                () -> store.add(name, new byte[SecretValue.MAX_SIZE + 1]).get());

        assertInstanceOf(ReadOnlySecretStoreException.class, add.getCause());
        assertTrue(add.getCause().getMessage().contains("store 'prod' (type aws) is read-only"));
        assertInstanceOf(ReadOnlySecretStoreException.class, update.getCause());
        assertInstanceOf(ReadOnlySecretStoreException.class, delete.getCause());
        assertInstanceOf(SecretFormatException.class, oversized.getCause());
        assertTrue(oversized.getCause().getMessage().contains("over the limit of 65536 bytes"));
        assertTrue(server().requests().isEmpty(), "a write reached AWS");
        assertTrue(store.capabilities().readOnly());
        assertEquals(20, store.capabilities().maxBatchSize());
    }

    @Test
    void listPagesThroughListSecrets() throws Exception {
        for (int i = 0; i < 130; i++) {
            server().putSecret(String.format("team/s%03d", i), "v");
        }
        server().scheduleDeletion("team/s000");
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        List<SecretMetadata> secrets = store.list().get(10, TimeUnit.SECONDS);

        assertEquals(129, secrets.size());
        assertEquals("team/s001", secrets.get(0).name().value());
        assertEquals(server().arn("team/s001"), secrets.get(0).id());
        assertTrue(secrets.get(0).createdAt().isPresent());
        assertEquals(2, server().callCount("ListSecrets"));
    }

    @Test
    void errorsNameReferenceStoreAndCode() throws Exception {
        server().putSecret("forbidden", "x");
        server().denySecret("forbidden");
        server().putSecret("kms", "x");
        server().failDecryption("kms");
        AwsSecretsManagerResolver store = store(LocalAws.config(server()).option("max-attempts", 1));

        SecretException denied = failure(store, "forbidden");
        SecretException decryption = failure(store, "kms");
        server().putSecret("flaky", "x");
        server().failNextCalls(1);
        SecretException serverError = failure(store, "flaky");

        assertInstanceOf(SecretAccessDeniedException.class, denied);
        assertEquals("Access to secret 'forbidden' in store 'prod' (type aws) was denied. AWS Secrets Manager "
                + "returned AccessDeniedException for BatchGetSecretValue. Allow secretsmanager:GetSecretValue on the "
                + "secret for access key " + LocalAwsServer.ACCESS_KEY_ID + ". AWS also returns this error for a "
                + "secret that does not exist for this identity, so check the name too.", denied.getMessage());
        assertFalse(denied.retryable());
        assertInstanceOf(SecretAccessDeniedException.class, decryption);
        assertTrue(decryption.getMessage().contains("DecryptionFailure"));
        assertTrue(decryption.getMessage().contains("KMS"));
        assertInstanceOf(SecretStoreUnavailableException.class, serverError);
        assertTrue(serverError.retryable());
        assertTrue(serverError.getMessage().contains("Secret 'flaky' in store 'prod' (type aws) is unavailable"));
        assertTrue(serverError.getMessage().contains("InternalServiceError (HTTP 500)"));
    }

    @Test
    void serverErrorsRetriedThenSucceed() throws Exception {
        server().putSecret("flaky", "x");
        server().failNextCalls(2);
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        Optional<SecretValue> value = store.resolve(reference("flaky")).get(10, TimeUnit.SECONDS);

        assertEquals("x", value.orElseThrow().asString());
        assertEquals(3, server().callCount("GetSecretValue"));
    }

    @Test
    void hangingServerTimesOut() {
        server().putSecret("slow", "x");
        server().latency(Duration.ofSeconds(5));
        AwsSecretsManagerResolver store = store(LocalAws.config(server()).option("api-call-timeout", "300ms"));
        long start = System.nanoTime();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> store.resolve(reference("slow")).get(10, TimeUnit.SECONDS));

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertInstanceOf(SecretStoreUnavailableException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("timed out after 300 ms (api-call-timeout)"),
                failure.getCause().getMessage());
        assertTrue(elapsed.compareTo(Duration.ofSeconds(4)) < 0, "the call waited for the server: " + elapsed);
    }

    @Test
    void callerClientStaysOpenAfterClose() throws Exception {
        server().putSecret("a", "x");
        SecretsManagerClient client = SecretsManagerClient.builder()
                .endpointOverride(server().endpoint())
                .region(Region.of(server().region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAwsServer.ACCESS_KEY_ID, LocalAwsServer.SECRET_ACCESS_KEY)))
                .build();
        closeables.add(client);
        AwsSecretsManagerResolver store = AwsSecretsManagerResolver.builder().client(client).storeName("mine").build();

        String before = store.resolve(reference("a")).get(10, TimeUnit.SECONDS).orElseThrow().asString();
        store.close();

        assertEquals("x", before);
        assertEquals("x", client.getSecretValue(request -> request.secretId("a")).secretString());
        ExecutionException closed = assertThrows(ExecutionException.class,
                () -> store.resolve(reference("a")).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, closed.getCause());
    }

    @Test
    void toStringShowsNoCredentials() {
        AwsSecretsManagerResolver store = store(LocalAws.config(server()));

        String rendered = store + " " + LocalAws.config(server()).build();

        assertFalse(rendered.contains(LocalAwsServer.SECRET_ACCESS_KEY), rendered);
    }

    @Test
    void failuresNeverContainValues() throws Exception {
        String canary = "canary-7f3a9c";
        server().putSecret("big", canary.repeat(SecretValue.MAX_SIZE / canary.length() + 1));
        server().putSecret("app", canary);
        String arn = server().arn("app");
        String suffixedName = arn.substring(arn.indexOf(":secret:") + ":secret:".length());
        server().putSecret("forbidden", canary);
        server().denySecret("forbidden");
        server().putSecret("kms", canary);
        server().failDecryption("kms");
        AwsSecretsManagerResolver store = store(LocalAws.config(server()).option("max-attempts", 1));

        List<SecretException> failures = new ArrayList<>();
        for (String name : List.of("big", suffixedName, "forbidden", "kms")) {
            failures.add(failure(store, name));
        }

        for (SecretException failure : failures) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                assertFalse(String.valueOf(cause.getMessage()).contains(canary), cause.toString());
                assertFalse(cause.toString().contains(canary), cause.toString());
            }
        }
    }

    private SecretException failure(AwsSecretsManagerResolver store, String name) throws Exception {
        SecretLookup lookup = store.resolveAll(Set.of(reference(name))).get(10, TimeUnit.SECONDS).get(reference(name));
        assertEquals(SecretLookup.Status.FAILED, lookup.status(), "lookup of " + name);
        return lookup.failure();
    }

    private AwsSecretsManagerResolver store(StoreConfig.Builder config) {
        AwsSecretsManagerResolver store = LocalAws.create(config.build());
        closeables.add(store);
        return store;
    }

    private static LocalAwsServer server() {
        return AWS.server();
    }
}
