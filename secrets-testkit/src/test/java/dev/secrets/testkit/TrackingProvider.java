package dev.secrets.testkit;

import dev.secrets.SecretConfigurationException;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test provider of type {@code tracking} that records which stores were created and closed. */
public final class TrackingProvider implements SecretResolverProvider {

    static final List<String> CREATED = new CopyOnWriteArrayList<>();
    static final List<String> CLOSED = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
        return "tracking";
    }

    @Override
    public SecretResolver create(StoreConfig config) {
        if (config.bool("fail-with-linkage-error", false)) {
            throw new NoClassDefFoundError("com/example/MissingDependency");
        }
        if (config.bool("fail", false)) {
            throw new SecretConfigurationException("Tracking store '" + config.name() + "' was told to fail.");
        }
        CREATED.add(config.name());
        MemorySecretStore store = MemorySecretStore.builder().name(config.name()).build();
        return new dev.secrets.spi.SecretResolver() {
            @Override
            public java.util.concurrent.CompletableFuture<java.util.Optional<dev.secrets.SecretValue>> resolve(
                    dev.secrets.SecretReference reference) {
                return store.resolve(reference);
            }

            @Override
            public dev.secrets.spi.StoreCapabilities capabilities() {
                return store.capabilities();
            }

            @Override
            public void close() {
                CLOSED.add(config.name());
            }
        };
    }
}
