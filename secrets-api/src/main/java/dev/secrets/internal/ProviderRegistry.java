package dev.secrets.internal;

import dev.secrets.SecretConfigurationException;
import dev.secrets.spi.SecretResolverProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where store providers are discovered with {@link ServiceLoader}.
 *
 * <p>A provider that fails to load is logged at WARN and skipped. Two providers of one type are an
 * error when that type is requested, so an unrelated duplicate does not break every other store.
 * There is no fallback: an unknown type is a {@link SecretConfigurationException} that names the
 * artifact to add.
 */
public final class ProviderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    /** The artifact that provides each built-in store type, for the "add this dependency" hint. */
    private static final Map<String, String> ARTIFACTS = Map.of(
            "env", "dev.secrets:secrets-api",
            "config", "dev.secrets:secrets-api",
            "file", "dev.secrets:secrets-api",
            "memory", "dev.secrets:secrets-testkit",
            "platform", "dev.secrets:secrets-platform",
            "aws", "dev.secrets:secrets-aws");

    private final Map<String, List<SecretResolverProvider>> providersByType;

    private ProviderRegistry(Map<String, List<SecretResolverProvider>> providersByType) {
        this.providersByType = providersByType;
    }

    /** Discovers the providers visible to {@code classLoader}. */
    public static ProviderRegistry load(ClassLoader classLoader) {
        Map<String, List<SecretResolverProvider>> byType = new LinkedHashMap<>();
        Iterator<SecretResolverProvider> iterator = ServiceLoader.load(SecretResolverProvider.class, classLoader).iterator();
        while (true) {
            SecretResolverProvider provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("Skipping a secret store provider that failed to load: {}", e.toString());
                continue;
            }
            String type;
            try {
                type = provider.type();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Skipping secret store provider {}: type() failed with {}", provider.getClass().getName(), e.toString());
                continue;
            }
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(provider);
        }
        return new ProviderRegistry(byType);
    }

    /** Returns the provider of {@code type}. */
    public SecretResolverProvider provider(String type) {
        List<SecretResolverProvider> providers = providersByType.get(type);
        if (providers == null) {
            throw unknownType(type);
        }
        if (providers.size() > 1) {
            List<String> classes = providers.stream().map(p -> p.getClass().getName()).toList();
            throw new SecretConfigurationException("Store type '" + type + "' is offered by " + providers.size()
                    + " providers on the class path: " + String.join(", ", classes)
                    + ". Remove all but one of the artifacts that contain them.");
        }
        return providers.get(0);
    }

    /** Returns the store types found, sorted. */
    public List<String> types() {
        return List.copyOf(new TreeSet<>(providersByType.keySet()));
    }

    private SecretConfigurationException unknownType(String type) {
        String found = providersByType.isEmpty() ? "none" : String.join(", ", types());
        String artifact = ARTIFACTS.get(type);
        String fix = artifact == null
                ? "Check the spelling, or add the artifact that provides it to the class path."
                : "Add " + artifact + " to the class path.";
        return new SecretConfigurationException("Store type '" + type + "' is not available; " + fix
                + " Types found: " + found + ".");
    }
}
