package dev.secrets.testkit;

import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;
import java.util.Map;

/**
 * Provider of store type {@code memory}: a {@link MemorySecretStore} seeded from option
 * {@code values}, a map of names to strings. Use the core option {@code read-only: true} for a
 * read-only store.
 */
public final class MemoryProvider implements SecretResolverProvider {

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public SecretResolver create(StoreConfig config) {
        MemorySecretStore.Builder builder = MemorySecretStore.builder()
                .name(config.name())
                .timeSource(config.timeSource());
        for (Map.Entry<String, String> entry : config.stringMap("values").entrySet()) {
            try {
                builder.secret(entry.getKey(), entry.getValue());
            } catch (dev.secrets.InvalidSecretNameException e) {
                throw config.invalid("values", e.getMessage());
            }
        }
        return builder.build();
    }
}
