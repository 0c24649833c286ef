package dev.secrets.testkit.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

class LocalAwsServerTest {

    @RegisterExtension
    static final LocalAwsServerExtension AWS = new LocalAwsServerExtension();

    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/secrets-read";

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        // A client that corrects clock skew also stores the offset JVM-wide for clients built later.
        SdkGlobalTime.setGlobalTimeOffset(0);
    }

    @Test
    void getSecretValueReturnsTextAndBinarySecrets() {
        AWS.server().putSecret("db/password", "s3cr3t");
        AWS.server().putSecret("tls/key", new byte[] {0, (byte) 0xff, 7});
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        GetSecretValueResponse text = client.getSecretValue(r -> r.secretId("db/password"));
        GetSecretValueResponse binary = client.getSecretValue(r -> r.secretId("tls/key"));

        assertEquals("s3cr3t", text.secretString());
        assertEquals("db/password", text.name());
        assertEquals(List.of("AWSCURRENT"), text.versionStages());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 7}, binary.secretBinary().asByteArray());
        assertEquals(null, binary.secretString());
    }

    @Test
    void versionStagesFollowRotation() {
        String first = AWS.server().putSecret("api-token", "one");
        String second = AWS.server().rotateSecret("api-token", "two");
        String third = AWS.server().rotateSecret("api-token", "three");
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        GetSecretValueResponse current = client.getSecretValue(r -> r.secretId("api-token"));
        GetSecretValueResponse previous = client.getSecretValue(r -> r.secretId("api-token").versionStage("AWSPREVIOUS"));
        DescribeSecretResponse description = client.describeSecret(r -> r.secretId("api-token"));

        assertEquals("three", current.secretString());
        assertEquals(third, current.versionId());
        assertEquals("two", previous.secretString());
        assertEquals(second, previous.versionId());
        assertFalse(description.versionIdsToStages().containsKey(first), "the oldest version has no stage left");
    }

    @Test
    void stageLookupFindsLabelOnAnyVersion() {
        AWS.server().putSecretVersion("db", "v-current", "new", "AWSCURRENT");
        AWS.server().putSecretVersion("db", "v-previous", "old", "AWSPREVIOUS");
        AWS.server().putSecretVersion("db", "v-pending", "next", "AWSPENDING");
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        assertEquals("old", client.getSecretValue(r -> r.secretId("db").versionStage("AWSPREVIOUS")).secretString());
        assertEquals("next", client.getSecretValue(r -> r.secretId("db").versionStage("AWSPENDING")).secretString());
        assertEquals("new", client.getSecretValue(r -> r.secretId("db").versionId("v-current")).secretString());
        assertThrows(ResourceNotFoundException.class,
                () -> client.getSecretValue(r -> r.secretId("db").versionStage("CUSTOM")));
    }

    @Test
    void errorsCarryRealCodesAndStatuses() {
        AWS.server().putSecret("deleted", "x");
        AWS.server().scheduleDeletion("deleted");
        AWS.server().putSecret("forbidden", "x");
        AWS.server().denySecret("forbidden");
        AWS.server().putSecret("kms", "x");
        AWS.server().failDecryption("kms");
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        ResourceNotFoundException missing =
                assertThrows(ResourceNotFoundException.class, () -> client.getSecretValue(r -> r.secretId("nope")));
        InvalidRequestException deleted =
                assertThrows(InvalidRequestException.class, () -> client.getSecretValue(r -> r.secretId("deleted")));
        SecretsManagerException denied =
                assertThrows(SecretsManagerException.class, () -> client.getSecretValue(r -> r.secretId("forbidden")));
        DecryptionFailureException decryption =
                assertThrows(DecryptionFailureException.class, () -> client.getSecretValue(r -> r.secretId("kms")));

        assertEquals(400, missing.statusCode());
        assertEquals(400, deleted.statusCode());
        assertTrue(deleted.awsErrorDetails().errorMessage().contains("marked for deletion"));
        assertEquals(400, denied.statusCode());
        assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
        assertEquals(400, decryption.statusCode());
    }

    @Test
    void faultsApplyToNextCalls() {
        AWS.server().putSecret("a", "x");
        AWS.server().throttleNextCalls(1);
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        SecretsManagerException throttled =
                assertThrows(SecretsManagerException.class, () -> client.getSecretValue(r -> r.secretId("a")));
        AWS.server().failNextCalls(1);
        InternalServiceErrorException failed =
                assertThrows(InternalServiceErrorException.class, () -> client.getSecretValue(r -> r.secretId("a")));
        GetSecretValueResponse recovered = client.getSecretValue(r -> r.secretId("a"));

        assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
        assertEquals(400, throttled.statusCode());
        assertEquals(500, failed.statusCode());
        assertEquals("x", recovered.secretString());
        assertEquals(3, AWS.server().callCount("GetSecretValue"));
    }

    @Test
    void retriedThrottlingCountsEachAttempt() {
        AWS.server().putSecret("a", "x");
        AWS.server().throttleNextCalls(2);
        SecretsManagerClient client = secretsManager(baseCredentials(), true);

        GetSecretValueResponse response = client.getSecretValue(r -> r.secretId("a"));

        assertEquals("x", response.secretString());
        assertEquals(3, AWS.server().callCount("GetSecretValue"));
    }

    @Test
    void deniedActionFailsForEveryCaller() {
        AWS.server().putSecret("a", "x");
        AWS.server().denyAction("BatchGetSecretValue");
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        SecretsManagerException denied = assertThrows(SecretsManagerException.class,
                () -> client.batchGetSecretValue(r -> r.secretIdList("a")));

        assertTrue(denied.awsErrorDetails().errorMessage().contains("secretsmanager:BatchGetSecretValue"));
        assertEquals("x", client.getSecretValue(r -> r.secretId("a")).secretString());
    }

    @Test
    void batchGetReturnsValuesAndErrorsPerId() {
        AWS.server().putSecret("a", "1");
        AWS.server().putSecret("b", "2");
        AWS.server().putSecret("gone", "3");
        AWS.server().scheduleDeletion("gone");
        AWS.server().putSecret("forbidden", "4");
        AWS.server().denySecret("forbidden");
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        BatchGetSecretValueResponse response =
                client.batchGetSecretValue(r -> r.secretIdList("a", "b", "missing", "gone", "forbidden"));

        assertEquals(List.of("a", "b"), response.secretValues().stream().map(v -> v.name()).collect(Collectors.toList()));
        assertEquals("2", response.secretValues().get(1).secretString());
        assertEquals(List.of("missing:ResourceNotFoundException", "gone:InvalidRequestException",
                        "forbidden:AccessDeniedException"),
                response.errors().stream().map(e -> e.secretId() + ":" + e.errorCode()).collect(Collectors.toList()));
    }

    @Test
    void batchGetRejectsMoreThanTwentyIds() {
        SecretsManagerClient client = secretsManager(baseCredentials(), false);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            ids.add("s" + i);
        }

        assertThrows(InvalidParameterException.class, () -> client.batchGetSecretValue(r -> r.secretIdList(ids)));
    }

    @Test
    void secretIdMatchesArnAndPartialArn() {
        AWS.server().putSecret("app", "value-of-app");
        String arn = AWS.server().arn("app");
        String nameWithSuffix = arn.substring(arn.indexOf(":secret:") + ":secret:".length());
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        GetSecretValueResponse byArn = client.getSecretValue(r -> r.secretId(arn));
        GetSecretValueResponse bySuffixedName = client.getSecretValue(r -> r.secretId(nameWithSuffix));

        assertTrue(nameWithSuffix.matches("app-[A-Za-z0-9]{6}"), nameWithSuffix);
        assertEquals("app", byArn.name());
        assertEquals("app", bySuffixedName.name(), "a name ending in '-' and six characters matched another secret");
        assertThrows(ResourceNotFoundException.class, () -> client.getSecretValue(r -> r.secretId("app-zzzzzz")));
    }

    @Test
    void listSecretsPagesAndSkipsPlannedDeletions() {
        for (int i = 0; i < 5; i++) {
            AWS.server().putSecret("team/s" + i, "v" + i);
        }
        AWS.server().scheduleDeletion("team/s4");
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        List<String> names = client.listSecretsPaginator(r -> r.maxResults(2)).stream()
                .flatMap(page -> page.secretList().stream())
                .map(SecretListEntry::name).collect(Collectors.toList());

        assertEquals(List.of("team/s0", "team/s1", "team/s2", "team/s3"), names);
        assertEquals(2, AWS.server().callCount("ListSecrets"));
    }

    @Test
    void unsignedRequestIsRejected() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(AWS.server().endpoint())
                .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"a\"}"))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertEquals("{\"__type\":\"MissingAuthenticationTokenException\",\"Message\":\"Missing Authentication Token\"}",
                response.body());
        assertEquals(Optional.empty(), AWS.server().requests().get(0).accessKeyId());
    }

    @Test
    void wrongSecretKeyFailsSignatureCheck() {
        AWS.server().putSecret("a", "x");
        SecretsManagerClient client = secretsManager(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAwsServer.ACCESS_KEY_ID, "wrong")), false);

        SecretsManagerException rejected =
                assertThrows(SecretsManagerException.class, () -> client.getSecretValue(r -> r.secretId("a")));

        assertEquals("InvalidSignatureException", rejected.awsErrorDetails().errorCode());
    }

    @Test
    void unknownAccessKeyIsRejected() {
        SecretsManagerClient client = secretsManager(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAUNKNOWN", "whatever")), false);

        SecretsManagerException rejected =
                assertThrows(SecretsManagerException.class, () -> client.getSecretValue(r -> r.secretId("a")));

        assertEquals("UnrecognizedClientException", rejected.awsErrorDetails().errorCode());
    }

    @Test
    void assumeRoleIssuesCredentialsAndRecordsTheCall() {
        AWS.server().putSecret("a", "x");
        StsClient sts = sts();

        AssumeRoleResponse response = sts.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("reader")
                .externalId("ext-1").durationSeconds(900));
        Credentials credentials = response.credentials();
        SecretsManagerClient client = secretsManager(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())), false);
        client.getSecretValue(r -> r.secretId("a"));

        AssumeRoleCall call = AWS.server().assumeRoleCalls().get(0);
        assertEquals(ROLE_ARN, call.roleArn());
        assertEquals("reader", call.roleSessionName());
        assertEquals(Optional.of("ext-1"), call.externalId());
        assertEquals(OptionalInt.of(900), call.durationSeconds());
        assertEquals(LocalAwsServer.ACCESS_KEY_ID, call.signingAccessKeyId());
        assertEquals(credentials.accessKeyId(), call.issuedAccessKeyId());
        assertEquals("arn:aws:sts::123456789012:assumed-role/secrets-read/reader", response.assumedRoleUser().arn());
        assertTrue(credentials.accessKeyId().startsWith("ASIA"));
        RecordedRequest read = AWS.server().requests().get(1);
        assertEquals("GetSecretValue", read.action());
        assertEquals(Optional.of(credentials.accessKeyId()), read.accessKeyId());
    }

    @Test
    void assumeRoleHonoursConfiguredSessionDuration() {
        AWS.server().sessionDuration(Duration.ofMinutes(15));
        Instant before = Instant.now();

        Credentials credentials = sts().assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("reader")
                .durationSeconds(3600)).credentials();

        Duration lifetime = Duration.between(before, credentials.expiration());
        assertTrue(lifetime.compareTo(Duration.ofMinutes(16)) < 0, lifetime.toString());
        assertTrue(lifetime.compareTo(Duration.ofMinutes(14)) > 0, lifetime.toString());
    }

    @Test
    void assumeRoleChecksExternalIdAndDenial() {
        AWS.server().requireExternalId(ROLE_ARN, "expected");
        StsClient sts = sts();

        StsException wrongId = assertThrows(StsException.class,
                () -> sts.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("s1").externalId("other")));
        AWS.server().denyAction("AssumeRole");
        StsException denied = assertThrows(StsException.class,
                () -> sts.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("s1").externalId("expected")));

        assertEquals("AccessDenied", wrongId.awsErrorDetails().errorCode());
        assertEquals(403, wrongId.statusCode());
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertTrue(AWS.server().assumeRoleCalls().isEmpty());
    }

    @Test
    void expiredSessionCredentialsAreRejected() {
        AWS.server().putSecret("a", "x");
        AWS.server().sessionDuration(Duration.ZERO);
        Credentials credentials = sts().assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("reader")).credentials();
        SecretsManagerClient client = secretsManager(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())), false);

        SecretsManagerException rejected =
                assertThrows(SecretsManagerException.class, () -> client.getSecretValue(r -> r.secretId("a")));

        assertEquals("ExpiredTokenException", rejected.awsErrorDetails().errorCode());
    }

    @Test
    void clockSkewRejectedWithoutRetries() {
        AWS.server().putSecret("a", "x");
        AWS.server().clockSkew(Duration.ofMinutes(20));
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        SecretsManagerException rejected =
                assertThrows(SecretsManagerException.class, () -> client.getSecretValue(r -> r.secretId("a")));

        assertEquals("InvalidSignatureException", rejected.awsErrorDetails().errorCode());
        assertTrue(rejected.awsErrorDetails().errorMessage().startsWith("Signature expired: "));
        Instant serverDate = DateTimeFormatter.RFC_1123_DATE_TIME.parse(
                rejected.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Date").orElseThrow(), Instant::from);
        Duration skew = Duration.between(Instant.now(), serverDate);
        assertTrue(skew.compareTo(Duration.ofMinutes(19)) > 0, "the Date header carries the server's clock: " + skew);
        assertTrue(skew.compareTo(Duration.ofMinutes(21)) < 0, "the Date header carries the server's clock: " + skew);
    }

    @Test
    void clockSkewCorrectedOnRetry() {
        AWS.server().putSecret("a", "x");
        AWS.server().clockSkew(Duration.ofMinutes(-20));
        SecretsManagerClient client = secretsManager(baseCredentials(), true);

        GetSecretValueResponse response = client.getSecretValue(r -> r.secretId("a"));

        assertEquals("x", response.secretString());
        List<RecordedRequest> requests = AWS.server().requests();
        assertEquals(2, requests.size());
        assertEquals(Optional.of("InvalidSignatureException"), requests.get(0).errorCode());
        assertTrue(requests.get(1).succeeded());
    }

    @Test
    void latencyDelaysRequestsWithoutSerialisingThem() throws Exception {
        AWS.server().putSecret("a", "x");
        AWS.server().latency(Duration.ofMillis(800));
        SecretsManagerClient client = secretsManager(baseCredentials(), false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();

        List<CompletableFuture<String>> reads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reads.add(CompletableFuture.supplyAsync(() -> client.getSecretValue(r -> r.secretId("a")).secretString(), pool));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();

        assertTrue(elapsed.compareTo(Duration.ofMillis(800)) >= 0, elapsed.toString());
        assertTrue(elapsed.compareTo(Duration.ofMillis(2400)) < 0, "four delayed reads ran one after another: " + elapsed);
    }

    @Test
    void binaryValuesSurviveTheWire() {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        AWS.server().putSecret("bin", value);
        SecretsManagerClient client = secretsManager(baseCredentials(), false);

        SdkBytes read = client.getSecretValue(r -> r.secretId("bin")).secretBinary();

        assertArrayEquals(value, read.asByteArray());
    }

    private static AwsCredentialsProvider baseCredentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAwsServer.ACCESS_KEY_ID, LocalAwsServer.SECRET_ACCESS_KEY));
    }

    private SecretsManagerClient secretsManager(AwsCredentialsProvider credentials, boolean retries) {
        SecretsManagerClient client = SecretsManagerClient.builder()
                .endpointOverride(AWS.server().endpoint())
                .region(Region.of(AWS.server().region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(
                        retries ? AwsRetryStrategy.standardRetryStrategy() : AwsRetryStrategy.doNotRetry()))
                .build();
        clients.add(client);
        return client;
    }

    private StsClient sts() {
        StsClient client = StsClient.builder()
                .endpointOverride(AWS.server().endpoint())
                .region(Region.of(AWS.server().region()))
                .credentialsProvider(baseCredentials())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        clients.add(client);
        return client;
    }
}
