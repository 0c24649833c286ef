package dev.secrets.aws;

import static dev.secrets.aws.LocalAws.reference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretValue;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.aws.AssumeRoleCall;
import dev.secrets.testkit.aws.LocalAwsServer;
import dev.secrets.testkit.aws.LocalAwsServerExtension;
import dev.secrets.testkit.aws.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AwsAssumedRoleTest {

    @RegisterExtension
    static final LocalAwsServerExtension AWS = new LocalAwsServerExtension();

    private final List<AwsSecretsManagerResolver> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(AwsSecretsManagerResolver::close);
        LocalAws.resetSdkClockOffset();
    }

    @Test
    void readIsSignedWithAssumedRoleKey() throws Exception {
        server().putSecret("tenzir/geheim", "role-only-value");
        AwsSecretsManagerResolver store = store(LocalAws.roleConfig(server())
                .option("external-id", "workspace-42")
                .option("role-session-name", "node-7"));

        SecretValue value = store.resolve(reference("tenzir/geheim")).get(10, TimeUnit.SECONDS).orElseThrow();

        assertEquals("role-only-value", value.asString());
        List<RecordedRequest> requests = server().requests();
        assertEquals(List.of("AssumeRole", "GetSecretValue"),
                requests.stream().map(RecordedRequest::action).collect(Collectors.toList()));
        AssumeRoleCall assumeRole = server().assumeRoleCalls().get(0);
        assertEquals(LocalAws.ROLE_ARN, assumeRole.roleArn());
        assertEquals("node-7", assumeRole.roleSessionName());
        assertEquals(Optional.of("workspace-42"), assumeRole.externalId());
        assertEquals(Optional.of(LocalAwsServer.ACCESS_KEY_ID), requests.get(0).accessKeyId());
        assertEquals(Optional.of(assumeRole.issuedAccessKeyId()), requests.get(1).accessKeyId());
    }

    @Test
    void baseCredentialsNeverSignSecretsManagerCalls() throws Exception {
        server().putSecret("a", "1");
        server().putSecret("b", "2");
        server().denyAction("BatchGetSecretValue");
        AwsSecretsManagerResolver store = store(LocalAws.roleConfig(server()));

        store.resolveAll(Set.of(reference("a"), reference("b"))).get(10, TimeUnit.SECONDS);
        store.list().get(10, TimeUnit.SECONDS);

        List<RecordedRequest> secretsManagerCalls = server().requests().stream()
                .filter(request -> request.service().equals("secretsmanager")).collect(Collectors.toList());
        assertEquals(4, secretsManagerCalls.size());
        for (RecordedRequest call : secretsManagerCalls) {
            assertNotEquals(Optional.of(LocalAwsServer.ACCESS_KEY_ID), call.accessKeyId(), call.toString());
            assertTrue(call.accessKeyId().orElseThrow().startsWith("ASIA"), call.toString());
        }
    }

    @Test
    void sessionDurationIsRequested() throws Exception {
        server().putSecret("a", "1");
        AwsSecretsManagerResolver store = store(LocalAws.roleConfig(server()).option("session-duration", "15m"));

        store.resolve(reference("a")).get(10, TimeUnit.SECONDS);

        assertEquals(OptionalInt.of(900), server().assumeRoleCalls().get(0).durationSeconds());
    }

    /**
     * Sessions of 90 seconds end inside the SDK's five-minute renewal window, so every read finds
     * its credentials due for renewal, as a 15-minute session does after ten minutes. The server
     * rejects expired credentials, so a read with an expired token would fail.
     */
    @Test
    void expiringCredentialsAreRenewedBeforeUse() throws Exception {
        server().putSecret("a", "1");
        server().sessionDuration(Duration.ofSeconds(90));
        AwsSecretsManagerResolver store = store(LocalAws.roleConfig(server()).option("session-duration", "15m"));

        for (int i = 0; i < 3; i++) {
            assertEquals("1", store.resolve(reference("a")).get(10, TimeUnit.SECONDS).orElseThrow().asString());
        }

        List<AssumeRoleCall> sessions = server().assumeRoleCalls();
        assertEquals(3, sessions.size());
        List<String> readKeys = server().requests().stream()
                .filter(request -> request.action().equals("GetSecretValue"))
                .map(request -> request.accessKeyId().orElseThrow())
                .collect(Collectors.toList());
        assertEquals(sessions.stream().map(AssumeRoleCall::issuedAccessKeyId).collect(Collectors.toList()), readKeys);
        assertTrue(server().requests().stream().allMatch(RecordedRequest::succeeded), "a read used expired credentials");
    }

    @Test
    void validCredentialsAreReused() throws Exception {
        server().putSecret("a", "1");
        AwsSecretsManagerResolver store = store(LocalAws.roleConfig(server()).option("session-duration", "15m"));

        for (int i = 0; i < 3; i++) {
            store.resolve(reference("a")).get(10, TimeUnit.SECONDS);
        }

        assertEquals(1, server().assumeRoleCalls().size());
        assertEquals(3, server().callCount("GetSecretValue"));
    }

    @Test
    void deniedAssumeRoleNamesRole() {
        server().putSecret("a", "1");
        server().requireExternalId(LocalAws.ROLE_ARN, "expected-id");
        AwsSecretsManagerResolver store = store(LocalAws.roleConfig(server()).option("external-id", "wrong-id"));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> store.resolve(reference("a")).get(10, TimeUnit.SECONDS));

        assertInstanceOf(SecretAccessDeniedException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().startsWith("Store 'prod' (type aws) could not assume role "
                + LocalAws.ROLE_ARN + " to read secret 'a': STS returned AccessDenied for AssumeRole."),
                failure.getCause().getMessage());
        assertEquals(0, server().callCount("GetSecretValue"));
    }

    private AwsSecretsManagerResolver store(StoreConfig.Builder config) {
        AwsSecretsManagerResolver store = LocalAws.create(config.build());
        stores.add(store);
        return store;
    }

    private static LocalAwsServer server() {
        return AWS.server();
    }
}
