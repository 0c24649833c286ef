package dev.secrets.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.spi.SecretResolverProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AwsProviderDiscoveryTest {

    @Test
    void serviceLoaderFindsAwsProvider() {
        List<SecretResolverProvider> aws = ServiceLoader.load(SecretResolverProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.type().equals("aws"))
                .collect(Collectors.toList());

        assertEquals(1, aws.size());
        assertEquals(AwsSecretsManagerProvider.class, aws.get(0).getClass());
    }
}
