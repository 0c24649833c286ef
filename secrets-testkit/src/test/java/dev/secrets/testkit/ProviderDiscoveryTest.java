package dev.secrets.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretConfigurationException;
import dev.secrets.internal.ConfigProvider;
import dev.secrets.internal.EnvProvider;
import dev.secrets.internal.ProviderRegistry;
import dev.secrets.spi.SecretResolverProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderDiscoveryTest {

    private final ProviderRegistry registry = ProviderRegistry.load(ProviderDiscoveryTest.class.getClassLoader());

    @Test
    void serviceLoaderFindsBuiltInProviders() {
        assertInstanceOf(EnvProvider.class, registry.provider("env"));
        assertInstanceOf(ConfigProvider.class, registry.provider("config"));
        assertInstanceOf(MemoryProvider.class, registry.provider("memory"));
    }

    @Test
    void unknownTypeNamesArtifact() {
        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class, () -> registry.provider("aws"));

        assertTrue(failure.getMessage().startsWith("Store type 'aws' is not available; Add dev.secrets:secrets-aws to the class path."),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("Types found: config, env, "), failure.getMessage());
        assertTrue(failure.getMessage().contains("memory"), failure.getMessage());
    }

    @Test
    void misspeltTypeAsksToCheckSpelling() {
        SecretConfigurationException failure = assertThrows(SecretConfigurationException.class, () -> registry.provider("enf"));

        assertTrue(failure.getMessage().contains("Check the spelling"), failure.getMessage());
    }

    @Test
    void duplicateTypeRejected(@TempDir Path directory) throws Exception {
        Path services = directory.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(SecretResolverProvider.class.getName()), DuplicateEnvProvider.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, getClass().getClassLoader())) {
            ProviderRegistry withDuplicate = ProviderRegistry.load(loader);

            SecretConfigurationException failure = assertThrows(SecretConfigurationException.class, () -> withDuplicate.provider("env"));

            assertTrue(failure.getMessage().startsWith("Store type 'env' is offered by 2 providers on the class path"),
                    failure.getMessage());
            assertInstanceOf(MemoryProvider.class, withDuplicate.provider("memory"));
        }
    }

    @Test
    void brokenProviderSkipped(@TempDir Path directory) throws Exception {
        Path services = directory.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(SecretResolverProvider.class.getName()), "com.example.DoesNotExist\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, getClass().getClassLoader())) {

            ProviderRegistry withBroken = ProviderRegistry.load(loader);

            assertTrue(withBroken.types().containsAll(java.util.List.of("config", "env", "memory", "tracking")),
                    "providers after the broken entry were lost: " + withBroken.types());
        }
    }

    /** A second provider of type {@code env}, listed only by the duplicate test's class loader. */
    public static final class DuplicateEnvProvider extends EnvProviderDelegate {
    }

    /** Delegates to the real env provider; exists so the duplicate has its own class name. */
    public static class EnvProviderDelegate implements SecretResolverProvider {

        private final EnvProvider delegate = new EnvProvider();

        @Override
        public String type() {
            return delegate.type();
        }

        @Override
        public dev.secrets.spi.SecretResolver create(dev.secrets.spi.StoreConfig config) {
            return delegate.create(config);
        }
    }
}
