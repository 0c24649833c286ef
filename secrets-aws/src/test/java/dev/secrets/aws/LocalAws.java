package dev.secrets.aws;

import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.aws.LocalAwsServer;
import software.amazon.awssdk.core.SdkGlobalTime;

/** Store configurations aimed at a {@link LocalAwsServer}, with every AWS default overridden. */
final class LocalAws {

    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/secrets-read";

    private LocalAws() {
    }

    /**
     * Returns a configuration for store {@code prod} that reaches both services on {@code server}
     * with the server's base credentials, so nothing falls back to an SDK default.
     */
    static StoreConfig.Builder config(LocalAwsServer server) {
        return StoreConfig.builder("aws")
                .name("prod")
                .option("region", server.region())
                .option("endpoint", server.endpoint().toString())
                .option("sts-endpoint", server.endpoint().toString())
                .option("access-key-id", LocalAwsServer.ACCESS_KEY_ID)
                .option("secret-access-key", LocalAwsServer.SECRET_ACCESS_KEY);
    }

    /** Returns the same configuration with an assumed role. */
    static StoreConfig.Builder roleConfig(LocalAwsServer server) {
        return config(server).option("assumed-role-arn", ROLE_ARN);
    }

    static AwsSecretsManagerResolver create(StoreConfig config) {
        return (AwsSecretsManagerResolver) new AwsSecretsManagerProvider().create(config);
    }

    static SecretReference reference(String name) {
        return SecretReference.of(SecretName.of(name));
    }

    /**
     * Clears the clock offset the AWS SDK stores JVM-wide after correcting skew, so a clock-skew
     * test does not shift the signing time of clients that later tests build.
     */
    static void resetSdkClockOffset() {
        SdkGlobalTime.setGlobalTimeOffset(0);
    }
}
