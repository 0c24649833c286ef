package dev.secrets.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretConfigurationException;
import dev.secrets.Secrets;
import dev.secrets.aws.internal.AwsStoreOptions;
import dev.secrets.spi.StoreConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsStoreOptionsTest {

    private static final String LOOPBACK = "http://127.0.0.1:9";

    @Test
    void defaultsApplyWhenOptionsAreAbsent() {
        AwsStoreOptions options = AwsStoreOptions.read(minimal().build());

        assertEquals("eu-west-1", options.region());
        assertEquals("AWSCURRENT", options.versionStage());
        assertEquals(Duration.ofSeconds(10), options.apiCallTimeout());
        assertEquals(3, options.maxAttempts());
        assertEquals(Duration.ofHours(1), options.sessionDuration());
        assertEquals("dev-secrets", options.roleSessionName());
        assertEquals(Optional.empty(), options.assumedRoleArn());
    }

    @Test
    void missingRegionNamesPath() {
        StoreConfig config = StoreConfig.builder("aws").name("prod").option("endpoint", LOOPBACK).build();

        SecretConfigurationException failure =
                assertThrows(SecretConfigurationException.class, () -> AwsStoreOptions.read(config));

        assertEquals("Missing configuration key store 'prod'.region (required for store type 'aws').",
                failure.getMessage());
    }

    @Test
    void invalidValuesNamePathAndValue() {
        assertRejected(minimal().option("region", "Europe"), "store 'prod'.region: 'Europe' is not an AWS region");
        assertRejected(minimal().option("endpoint", "localhost:4566"), "store 'prod'.endpoint: 'localhost:4566'");
        assertRejected(minimal().option("assumed-role-arn", "arn:aws:iam::1:user/x"), "store 'prod'.assumed-role-arn");
        assertRejected(minimal().option("assumed-role-arn", LocalAws.ROLE_ARN).option("session-duration", "5m"),
                "store 'prod'.session-duration: is 5m but must be between 15m and 12h");
        assertRejected(minimal().option("api-call-timeout", "1h"), "store 'prod'.api-call-timeout");
        assertRejected(minimal().option("max-attempts", 0), "store 'prod'.max-attempts: is 0 but must be between 1");
    }

    @Test
    void dependentOptionsNeedTheirBase() {
        assertRejected(minimal().option("external-id", "abc"), "store 'prod'.external-id: applies only to an assumed role");
        assertRejected(minimal().option("access-key-id", "AKIA1"), "store 'prod'.secret-access-key: is missing");
        assertRejected(minimal().option("session-token", "t"), "store 'prod'.session-token: needs access-key-id");
    }

    @Test
    void secretKeyPrintsRedacted() {
        StoreConfig config = minimal()
                .option("access-key-id", "AKIAEXAMPLE")
                .option("secret-access-key", "very-secret-key")
                .option("session-token", "very-secret-token")
                .build();

        String rendered = AwsStoreOptions.read(config) + " " + config;

        assertTrue(rendered.contains("secret-access-key=***"), rendered);
        assertTrue(rendered.contains("access-key-id=AKIAEXAMPLE"), rendered);
        assertFalse(rendered.contains("very-secret-key"), rendered);
        assertFalse(rendered.contains("very-secret-token"), rendered);
    }

    @Test
    void unknownOptionIsRejectedByChain() {
        StoreConfig config = minimal().option("regoin", "eu-west-1").build();

        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class,
                () -> Secrets.builder().store(config).environment(Map.of()).build());

        assertTrue(failure.getMessage().contains("Unknown configuration key stores[0].regoin for store type 'aws'"),
                failure.getMessage());
    }

    private static void assertRejected(StoreConfig.Builder config, String expected) {
        SecretConfigurationException failure =
                assertThrows(SecretConfigurationException.class, () -> AwsStoreOptions.read(config.build()));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    /** A configuration whose endpoints point at a closed loopback port, so nothing leaves the machine. */
    private static StoreConfig.Builder minimal() {
        return StoreConfig.builder("aws").name("prod")
                .option("region", "eu-west-1")
                .option("endpoint", LOOPBACK)
                .option("sts-endpoint", LOOPBACK);
    }
}
