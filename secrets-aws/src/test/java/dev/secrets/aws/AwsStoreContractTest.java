package dev.secrets.aws;

import dev.secrets.spi.SecretResolver;
import dev.secrets.testkit.aws.LocalAwsServerExtension;
import dev.secrets.testkit.contract.SecretResolverContract;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Holds the {@code aws} store to the contract of every resolver, against the local AWS server. */
class AwsStoreContractTest extends SecretResolverContract {

    @RegisterExtension
    static final LocalAwsServerExtension AWS = new LocalAwsServerExtension();

    @Override
    protected SecretResolver createResolver(Map<String, byte[]> secrets) {
        secrets.forEach((name, value) -> AWS.server().putSecret(name, value));
        return LocalAws.create(LocalAws.config(AWS.server()).build());
    }
}
