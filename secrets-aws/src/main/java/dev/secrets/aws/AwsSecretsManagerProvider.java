package dev.secrets.aws;

import dev.secrets.aws.internal.AwsClients;
import dev.secrets.aws.internal.AwsStoreOptions;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;

/**
 * Creates stores of type {@code aws}: AWS Secrets Manager, read-only, optionally through an
 * assumed IAM role. Found by {@link java.util.ServiceLoader}; the options are listed in the
 * module's README.
 *
 * <pre>{@code
 * StoreConfig config = StoreConfig.builder("aws")
 *         .name("prod")
 *         .option("region", "eu-west-1")
 *         .option("assumed-role-arn", "arn:aws:iam::123456789012:role/secrets-read")
 *         .build();
 * }</pre>
 *
 * <p>The store it creates owns its AWS clients and closes them when it is closed.
 */
public final class AwsSecretsManagerProvider implements SecretResolverProvider {

    /** The store type this provider creates. */
    public static final String TYPE = "aws";

    /**
     * Returns true: every read of this store is a billed, rate-limited network call, so the core
     * caches it with the default cache options unless the configuration sets {@code cache:
     * {enabled: false}}.
     */
    @Override
    public boolean cachedByDefault() {
        return true;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Creates a store from {@code config}.
     *
     * @throws dev.secrets.SecretConfigurationException if an option is missing or invalid
     */
    @Override
    public SecretResolver create(StoreConfig config) {
        AwsStoreOptions options = AwsStoreOptions.read(config);
        AwsClients clients = AwsClients.create(options);
        return AwsSecretsManagerResolver.builder()
                .client(clients.secretsManager())
                .storeName(config.name())
                .versionStage(options.versionStage())
                .executor(config.executor())
                .identity(options.identity())
                .apiCallTimeout(options.apiCallTimeout())
                .ownedResources(clients)
                .build();
    }
}
