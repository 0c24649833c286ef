package dev.secrets.testkit.platform;

import dev.secrets.Secrets;
import dev.secrets.SecretConfigurationException;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreConfig;
import dev.secrets.spi.TimeSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * An external store of a workspace, created through the SDK's provider SPI in a {@link Secrets}
 * chain of its own, so the core's shared options (such as {@code prefix}) apply as in any
 * configuration. Read-only.
 */
final class ExternalStore implements AutoCloseable {

    /** Store types the platform API accepts for external stores. */
    static final Set<String> TYPES = Set.of("aws");

    /** Options shown by list-stores; credentials and other options are never returned. */
    private static final List<String> SHOWN_OPTIONS =
            List.of("region", "assumed_role_arn", "prefix", "endpoint", "sts_endpoint", "role_session_name");

    /** The path under which the chain of an external store names it in messages. */
    private static final String CHAIN_PATH = "stores[0]";

    private final Workspace.StoreEntry entry;
    private final Secrets secrets;

    private ExternalStore(Workspace.StoreEntry entry, Secrets secrets) {
        this.entry = entry;
        this.secrets = secrets;
    }

    /**
     * Creates a store of {@code type} from the platform's snake_case options, which become the
     * SDK's kebab-case options ({@code assumed_role_arn} becomes {@code assumed-role-arn}).
     *
     * @throws ApiError 400 if no provider of the type is on the class path, 422 if the options
     *     are missing or invalid
     */
    static ExternalStore create(String storeId, String type, String name, Map<String, String> options,
            Map<String, String> environment, TimeSource timeSource, ClassLoader classLoader) {
        if (!providerAvailable(type, classLoader)) {
            throw ApiError.of(400, "Secret store type '" + type + "' is not available on this server; add the "
                    + "artifact dev.secrets:secrets-" + type + " to its class path");
        }
        requireOption(options, "region");
        requireOption(options, "assumed_role_arn");
        Secrets secrets;
        try {
            StoreConfig.Builder config = StoreConfig.builder(type).name(storeId);
            options.forEach((key, value) -> config.option(key.replace('_', '-').toLowerCase(Locale.ROOT), value));
            // Nodes cache on their side. A second cache here would make a node's forced refresh
            // return the server's cached value instead of reading the external store.
            if (!options.containsKey("cache")) {
                config.option("cache", Map.of("enabled", false));
            }
            secrets = Secrets.builder()
                    .store(config.build())
                    .environment(environment)
                    .timeSource(timeSource)
                    .classLoader(classLoader)
                    .build();
        } catch (SecretConfigurationException | IllegalArgumentException e) {
            // The chain names option paths after its list of stores; the API caller sent "options".
            String message = e.getMessage().replace(CHAIN_PATH + ".", "options.");
            throw ApiError.validation(List.of(BodyValidator.error("value_error", List.of("body", "options"),
                    "Value error, " + message, Map.copyOf(shownOptions(options)))));
        }
        SecretStore store = secrets.store(storeId).orElseThrow(() -> new IllegalStateException(
                "The '" + type + "' provider created a store that cannot be listed"));
        Workspace.StoreEntry entry = new Workspace.StoreEntry(storeId, type, name, store, false, true,
                shownOptions(options));
        return new ExternalStore(entry, secrets);
    }

    Workspace.StoreEntry entry() {
        return entry;
    }

    @Override
    public void close() {
        secrets.close();
    }

    private static boolean providerAvailable(String type, ClassLoader classLoader) {
        return ServiceLoader.load(SecretResolverProvider.class, classLoader).stream()
                .anyMatch(provider -> typeOf(provider).equals(type));
    }

    private static String typeOf(ServiceLoader.Provider<SecretResolverProvider> provider) {
        try {
            return provider.get().type();
        } catch (java.util.ServiceConfigurationError e) {
            return "";
        }
    }

    private static void requireOption(Map<String, String> options, String key) {
        if (!options.containsKey(key)) {
            throw ApiError.validation(List.of(BodyValidator.error("missing", List.of("body", "options", key),
                    "Field required", Map.copyOf(shownOptions(options)))));
        }
    }

    private static Map<String, String> shownOptions(Map<String, String> options) {
        Map<String, String> shown = new LinkedHashMap<>();
        SHOWN_OPTIONS.forEach(key -> {
            if (options.containsKey(key)) {
                shown.put(key, options.get(key));
            }
        });
        return shown;
    }
}
