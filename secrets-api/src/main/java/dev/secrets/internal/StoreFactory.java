package dev.secrets.internal;

import dev.secrets.CacheOptions;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretException;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;
import dev.secrets.spi.TimeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the stores of a chain in order, and closes them again if one fails. */
public final class StoreFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFactory.class);

    private StoreFactory() {
    }

    /** The origin of a store: a configuration, or a resolver the caller owns. */
    public static final class Source {

        private final StoreConfig config;
        private final String path;
        private final String name;
        private final SecretResolver resolver;
        private final Optional<CacheOptions> cache;

        private Source(StoreConfig config, String path, String name, SecretResolver resolver,
                Optional<CacheOptions> cache) {
            this.config = config;
            this.path = path;
            this.name = name;
            this.resolver = resolver;
            this.cache = cache;
        }

        public static Source fromConfig(StoreConfig config, String path) {
            return new Source(config, path, config.name(), null, Optional.empty());
        }

        public static Source fromResolver(String name, SecretResolver resolver) {
            return new Source(null, "store '" + name + "'", name, resolver, Optional.empty());
        }

        /** Returns the source of a resolver the caller owns, put behind a cache that the chain creates. */
        public static Source fromResolver(String name, SecretResolver resolver, CacheOptions cache) {
            return new Source(null, "store '" + name + "'", name, resolver, Optional.of(cache));
        }

        /** Converts one entry of a configuration file's {@code stores} list. */
        public static Source fromTree(Map<String, Object> tree, String path) {
            Object type = tree.get("type");
            if (!(type instanceof String) || ((String) type).isBlank()) {
                throw new SecretConfigurationException("Missing configuration key " + path
                        + ".type: every store needs a type, such as env, config, file, platform or aws.");
            }
            Object name = tree.get("name");
            if (name != null && (!(name instanceof String) || ((String) name).isBlank())) {
                throw new SecretConfigurationException("Invalid configuration at " + path
                        + ".name: expected a non-empty string.");
            }
            Map<String, Object> options = new LinkedHashMap<>(tree);
            options.remove("type");
            options.remove("name");
            for (Map.Entry<String, Object> option : options.entrySet()) {
                if (option.getValue() == null) {
                    throw new SecretConfigurationException("Invalid configuration at " + path + "." + option.getKey()
                            + ": has no value (YAML reads 'key:' with nothing after it as null); give it a value, "
                            + "or remove the key to use the default.");
                }
            }
            StoreConfig.Builder builder = StoreConfig.builder((String) type).path(path).options(options);
            if (name != null) {
                builder.name((String) name);
            }
            StoreConfig config = builder.build();
            return new Source(config, path, config.name(), null, Optional.empty());
        }
    }

    /** Creates every store; on failure closes those already created and names the failing one. */
    public static List<ConfiguredStore> createAll(List<Source> sources, ClassLoader loader,
            Map<String, String> environment, TimeSource timeSource, Executor executor) {
        checkUniqueNames(sources);
        ProviderRegistry registry = null;
        List<ConfiguredStore> created = new ArrayList<>();
        for (Source source : sources) {
            try {
                if (source.resolver != null) {
                    SecretResolver resolver = source.cache.isEmpty() ? source.resolver : StoreDecorators.cached(
                            source.resolver, source.name, ConfiguredStore.CUSTOM_TYPE, source.cache.get(), timeSource,
                            executor);
                    created.add(new ConfiguredStore(source.name, ConfiguredStore.CUSTOM_TYPE, resolver, false));
                    continue;
                }
                if (registry == null) {
                    registry = ProviderRegistry.load(loader);
                }
                StoreConfig config = source.config.withContext(source.path, environment, timeSource, executor);
                created.add(create(registry, config));
            } catch (Throwable failure) {
                closeAll(created);
                if (failure instanceof RuntimeException || failure instanceof LinkageError
                        || failure instanceof ServiceConfigurationError) {
                    throw creationFailed(source, failure);
                }
                throw failure;
            }
        }
        return created;
    }

    private static ConfiguredStore create(ProviderRegistry registry, StoreConfig config) {
        SecretResolverProvider provider = registry.provider(config.type());
        StoreDecorators.SharedOptions shared = StoreDecorators.read(config, provider.cachedByDefault());
        SecretResolver resolver = provider.create(config);
        try {
            config.rejectUnknownKeys();
            SecretResolver decorated = StoreDecorators.decorate(resolver, shared, config);
            LOG.debug("Created secret store {} of type {} from {}", config.name(), config.type(), config.path());
            return new ConfiguredStore(config.name(), config.type(), decorated, true);
        } catch (Throwable failure) {
            closeQuietly(resolver, config.name());
            throw failure;
        }
    }

    /** Closes the stores the chain owns, in reverse order, logging and continuing on failure. */
    public static void closeAll(List<ConfiguredStore> stores) {
        for (int i = stores.size() - 1; i >= 0; i--) {
            ConfiguredStore store = stores.get(i);
            if (store.owned()) {
                closeQuietly(store.resolver(), store.name());
            }
        }
    }

    private static void closeQuietly(SecretResolver resolver, String name) {
        try {
            resolver.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing secret store {} failed: {}", name, e.toString());
        }
    }

    private static void checkUniqueNames(List<Source> sources) {
        Set<String> names = new HashSet<>();
        for (Source source : sources) {
            if (!names.add(source.name)) {
                throw new SecretConfigurationException("Two stores are named '" + source.name + "' (the second is "
                        + source.path + "). Give each store a unique 'name'.");
            }
        }
    }

    private static SecretConfigurationException creationFailed(Source source, Throwable cause) {
        String type = source.config == null ? ConfiguredStore.CUSTOM_TYPE : source.config.type();
        String reason = cause instanceof SecretException
                ? cause.getMessage()
                : "the provider failed with " + cause.getClass().getName() + "; see the cause";
        return new SecretConfigurationException("Cannot create secret store '" + source.name + "' (type '" + type
                + "', " + source.path + "): " + reason, cause);
    }
}
