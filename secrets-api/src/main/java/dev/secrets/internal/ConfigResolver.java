package dev.secrets.internal;

import dev.secrets.SecretName;
import dev.secrets.SecretValue;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves secrets from the {@code values} map of its configuration, like the {@code secrets}
 * section of a node's configuration file. Read-only; the map is copied at creation.
 */
final class ConfigResolver extends LocalValuesResolver {

    private final String storeName;
    private final Map<SecretName, byte[]> values;

    ConfigResolver(String storeName, Map<SecretName, byte[]> values) {
        super("Configuration store '" + storeName + "'");
        this.storeName = storeName;
        this.values = Map.copyOf(values);
    }

    @Override
    Optional<SecretValue> read(SecretName name) {
        byte[] value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(SecretValue.of(value));
    }

    /** Shows the store and the number of values; values and their names stay hidden. */
    @Override
    public String toString() {
        return "ConfigResolver[store=" + storeName + ", secrets=" + values.size() + "]";
    }
}
