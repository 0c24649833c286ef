package dev.secrets.internal;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretName;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Provider of store type {@code config}. Option {@code values}: a map of secret names to strings. */
public final class ConfigProvider implements SecretResolverProvider {

    @Override
    public String type() {
        return "config";
    }

    @Override
    public SecretResolver create(StoreConfig config) {
        Map<SecretName, byte[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : config.stringMap("values").entrySet()) {
            SecretName name;
            try {
                name = SecretName.of(entry.getKey());
            } catch (InvalidSecretNameException e) {
                throw new SecretConfigurationException("Invalid configuration at " + config.path() + ".values: "
                        + e.getMessage(), e);
            }
            values.put(name, entry.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return new ConfigResolver(config.name(), values);
    }
}
