package dev.secrets.aws;

import static dev.secrets.aws.LocalAws.reference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretFormatException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretResolutionException;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.aws.LocalAwsServer;
import dev.secrets.testkit.aws.LocalAwsServerExtension;
import dev.secrets.testkit.aws.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code aws} store seen through the {@link Secrets} facade, as applications use it. */
class AwsSecretsFacadeTest {

    @RegisterExtension
    static final LocalAwsServerExtension AWS = new LocalAwsServerExtension();

    private final List<Secrets> chains = new ArrayList<>();

    @AfterEach
    void close() {
        chains.forEach(Secrets::close);
        LocalAws.resetSdkClockOffset();
    }

    @Test
    void configFileResolvesThroughRole(@TempDir Path directory) throws Exception {
        server().putSecret("tenzir/geheim", "from-aws");
        Path file = directory.resolve("secrets.json");
        Files.writeString(file, "{\"stores\": [{\"type\": \"aws\", \"name\": \"workspace\", "
                + "\"region\": \"" + server().region() + "\", "
                + "\"endpoint\": \"" + server().endpoint() + "\", "
                + "\"sts-endpoint\": \"" + server().endpoint() + "\", "
                + "\"assumed-role-arn\": \"" + LocalAws.ROLE_ARN + "\", "
                + "\"access-key-id\": \"" + LocalAwsServer.ACCESS_KEY_ID + "\", "
                + "\"secret-access-key\": \"" + LocalAwsServer.SECRET_ACCESS_KEY + "\"}]}");
        Secrets secrets = track(Secrets.builder().config(file).environment(Map.of()).build());

        SecretValue value = secrets.resolve("tenzir/geheim");

        assertEquals("from-aws", value.asString());
        assertEquals(Optional.of("workspace"), value.store());
        assertEquals(1, server().assumeRoleCalls().size());
    }

    @Test
    void prefixedRoleStoreReadsUnderPrefix() {
        server().putSecret("tenzir/geheim", "prefixed-value");
        server().putSecret("geheim", "unprefixed-value");
        Secrets secrets = chain(LocalAws.roleConfig(server()).option("prefix", "tenzir/"));

        SecretValue value = secrets.resolve("geheim");

        assertEquals("prefixed-value", value.asString());
        List<RecordedRequest> requests = server().requests();
        assertEquals("AssumeRole", requests.get(0).action());
        assertEquals(LocalAws.ROLE_ARN, server().assumeRoleCalls().get(0).roleArn());
        assertEquals(Optional.of(server().assumeRoleCalls().get(0).issuedAccessKeyId()), requests.get(1).accessKeyId());
    }

    @Test
    void scheduledDeletionNamedInNotFound() {
        server().putSecret("retired", "old");
        server().scheduleDeletion("retired");
        Secrets secrets = chain(LocalAws.config(server()));

        SecretNotFoundException failure = assertThrows(SecretNotFoundException.class, () -> secrets.resolve("retired"));

        assertTrue(failure.getMessage().contains("scheduled for deletion"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Secret 'retired' was not found"), failure.getMessage());
    }

    @Test
    void jsonFieldSelectionReportsMissingField() {
        server().putSecret("database", "{\"user\": \"app\", \"password\": \"pw-1\"}");
        server().putSecret("plain", "not json");
        Secrets secrets = chain(LocalAws.config(server()));

        SecretValue password = secrets.resolve("database:password");
        SecretFormatException missingField =
                assertThrows(SecretFormatException.class, () -> secrets.resolve("database:port"));
        SecretFormatException notObject =
                assertThrows(SecretFormatException.class, () -> secrets.resolve("plain:field"));

        assertEquals("pw-1", password.asString());
        assertTrue(missingField.getMessage().contains("'database:port'"), missingField.getMessage());
        assertTrue(missingField.getMessage().contains("no JSON field 'port'"), missingField.getMessage());
        assertTrue(notObject.getMessage().contains("field 'field' of secret 'plain'"), notObject.getMessage());
        assertFalse(missingField.getMessage().contains("pw-1"));
        assertEquals(2, server().callCount("BatchGetSecretValue") + server().callCount("GetSecretValue"),
                "one call for 'database' (the second field comes from the default cache) and one for 'plain'");
    }

    @Test
    void unusualNamesResolveAsWritten() {
        List<String> names = List.of("team/app/db", "a//b", "x+y=z.w@v-u");
        names.forEach(name -> server().putSecret(name, "value of " + name));
        Secrets secrets = chain(LocalAws.config(server()));

        for (String name : names) {
            assertEquals("value of " + name, secrets.resolve(name).asString(), name);
        }
        assertEquals("value of x+y=z.w@v-u", secrets.resolve(SecretReference.parse("x+y=z.w@v-u")).asString());
    }

    @Test
    void binaryAndTextConvertSafely() {
        byte[] notUtf8 = {(byte) 0xc3, (byte) 0x28, 0, 1};
        server().putSecret("bin", notUtf8);
        server().putSecret("text", "gr\u00fc\u00df dich");
        Secrets secrets = chain(LocalAws.config(server()));

        SecretValue binary = secrets.resolve("bin");
        SecretValue text = secrets.resolve("text");
        SecretFormatException asText = assertThrows(SecretFormatException.class, binary::asString);

        assertArrayEquals(notUtf8, binary.asBytes());
        assertTrue(asText.getMessage().contains("secret 'bin'"), asText.getMessage());
        assertArrayEquals("gr\u00fc\u00df dich".getBytes(StandardCharsets.UTF_8), text.asBytes());
        assertEquals("gr\u00fc\u00df dich", text.asString());
    }

    @Test
    void startupBatchSurvivesBriefThrottling() {
        List<SecretReference> references = seed(200);
        server().throttleNextCalls(3);
        Secrets secrets = chain(LocalAws.config(server()));

        Map<SecretReference, SecretValue> values = secrets.resolveAll(references);

        assertEquals(200, values.size());
        assertEquals("v199", values.get(reference("s199")).asString());
        assertEquals(13, server().callCount("BatchGetSecretValue"), "10 batches of 20 plus 3 retried attempts");
        assertEquals(0, server().callCount("GetSecretValue"));
    }

    @Test
    void persistentThrottlingIsRetryableAndBounded() {
        List<SecretReference> references = seed(200);
        server().throttleNextCalls(1000);
        Secrets secrets = chain(LocalAws.config(server()).option("max-attempts", 2));

        SecretResolutionException failure =
                assertThrows(SecretResolutionException.class, () -> secrets.resolveAll(references));

        assertEquals(200, failure.failures().size());
        assertTrue(failure.retryable());
        SecretStoreUnavailableException one =
                assertInstanceOf(SecretStoreUnavailableException.class, failure.failures().get(reference("s7")));
        assertTrue(one.getMessage().contains("Secret 's7' in store 'prod' (type aws) is unavailable"), one.getMessage());
        assertTrue(one.getMessage().contains("ThrottlingException"), one.getMessage());
        assertTrue(one.getMessage().contains("after 2 attempts"), one.getMessage());
        assertEquals(20, server().callCount("BatchGetSecretValue"), "10 batches, 2 attempts each");
        assertEquals(0, server().callCount("GetSecretValue"));
    }

    @Test
    void skewedClockIsCorrectedByRetry() {
        server().putSecret("a", "1");
        server().clockSkew(Duration.ofMinutes(20));
        Secrets secrets = chain(LocalAws.config(server()));

        SecretValue value = secrets.resolve("a");

        assertEquals("1", value.asString());
        List<RecordedRequest> requests = server().requests();
        assertEquals(2, requests.size());
        assertEquals(Optional.of("InvalidSignatureException"), requests.get(0).errorCode());
        assertTrue(requests.get(1).succeeded());
    }

    @Test
    void skewedClockWithoutRetriesNamesClock() {
        server().putSecret("a", "1");
        server().clockSkew(Duration.ofMinutes(20));
        Secrets secrets = chain(LocalAws.config(server()).option("max-attempts", 1));

        AwsClockSkewException failure = assertThrows(AwsClockSkewException.class, () -> secrets.resolve("a"));

        assertTrue(failure.getMessage().contains("because this machine's clock is skewed"), failure.getMessage());
        assertTrue(failure.getMessage().contains("by about 20 minutes (this machine is behind)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Synchronise the clock"), failure.getMessage());
        assertTrue(failure.getMessage().contains("store 'prod' (type aws) with InvalidSignatureException"),
                failure.getMessage());
        assertTrue(failure.retryable());
        Duration skew = failure.skew().orElseThrow();
        assertTrue(skew.compareTo(Duration.ofMinutes(19)) > 0, skew.toString());
        assertTrue(skew.compareTo(Duration.ofMinutes(21)) < 0, skew.toString());
    }

    @Test
    void skewedClockRejectedByStsNamesClock() {
        server().putSecret("a", "1");
        server().clockSkew(Duration.ofMinutes(-20));
        Secrets secrets = chain(LocalAws.roleConfig(server()).option("max-attempts", 1));

        AwsClockSkewException failure = assertThrows(AwsClockSkewException.class, () -> secrets.resolve("a"));

        assertTrue(failure.getMessage().contains("AssumeRole"), failure.getMessage());
        assertTrue(failure.getMessage().contains("this machine is ahead"), failure.getMessage());
    }

    private List<SecretReference> seed(int count) {
        List<SecretReference> references = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            server().putSecret("s" + i, "v" + i);
            references.add(reference("s" + i));
        }
        return references;
    }

    private Secrets chain(StoreConfig.Builder config) {
        return track(Secrets.builder().store(config.build()).environment(Map.of()).build());
    }

    private Secrets track(Secrets secrets) {
        chains.add(secrets);
        return secrets;
    }

    private static LocalAwsServer server() {
        return AWS.server();
    }
}
