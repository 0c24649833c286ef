package dev.secrets.internal;

import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretName;
import dev.secrets.SecretValue;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves secrets from environment variables named {@code <prefix><KEY>}.
 *
 * <p>{@code KEY} maps to a secret name by lower-casing it and replacing {@code _} with {@code -},
 * so {@code SECRETS__DB_PASSWORD} resolves {@code db-password}. The mapping is lossy: a name with
 * upper-case letters or {@code _} can never be read from the environment, and two variables
 * that differ only in case or in {@code _}/{@code -} map to one name, which is then an error
 * rather than a silent choice. The environment is read once, when the store is created.
 */
final class EnvResolver extends LocalValuesResolver {

    private static final Logger LOG = LoggerFactory.getLogger(EnvResolver.class);

    private final String storeName;
    private final Map<String, String> variablesByName;
    private final Map<String, List<String>> ambiguousNames;
    private final Map<String, String> environment;

    EnvResolver(String storeName, String prefix, Map<String, String> environment) {
        super("Environment store '" + storeName + "'");
        this.storeName = storeName;
        this.environment = Map.copyOf(environment);
        Map<String, List<String>> candidates = new TreeMap<>();
        for (String variable : environment.keySet()) {
            if (!variable.startsWith(prefix) || variable.length() == prefix.length()) {
                continue;
            }
            String name = toSecretName(variable.substring(prefix.length()));
            if (!SecretName.isValid(name)) {
                LOG.debug("Ignoring environment variable {}: '{}' is not a valid secret name", variable, name);
                continue;
            }
            candidates.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(variable);
        }
        Map<String, String> unique = new HashMap<>();
        Map<String, List<String>> ambiguous = new HashMap<>();
        candidates.forEach((name, variables) -> {
            if (variables.size() == 1) {
                unique.put(name, variables.get(0));
            } else {
                ambiguous.put(name, variables.stream().sorted().toList());
            }
        });
        this.variablesByName = Map.copyOf(unique);
        this.ambiguousNames = Map.copyOf(ambiguous);
        LOG.debug("Environment store '{}' has {} secrets under prefix {}", storeName, unique.size(), prefix);
    }

    /** Maps the part of a variable name after the prefix to a secret name. */
    static String toSecretName(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    Optional<SecretValue> read(SecretName secretName) {
        String name = secretName.value();
        List<String> ambiguous = ambiguousNames.get(name);
        if (ambiguous != null) {
            throw new SecretConfigurationException("Secret '" + name + "' is ambiguous in environment store '"
                    + storeName + "': variables " + String.join(", ", ambiguous) + " all map to it. Unset all but "
                    + "one of them.");
        }
        String variable = variablesByName.get(name);
        return variable == null ? Optional.empty() : Optional.of(SecretValue.ofUtf8(environment.get(variable)));
    }

    @Override
    public String toString() {
        return "EnvResolver[store=" + storeName + ", secrets=" + variablesByName.size() + "]";
    }
}
