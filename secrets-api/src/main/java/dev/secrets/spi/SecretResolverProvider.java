package dev.secrets.spi;

/**
 * Creates resolvers of one store type. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.secrets.spi.SecretResolverProvider}. They need a public no-argument
 * constructor and must be thread-safe.
 */
public interface SecretResolverProvider {

    /** Returns the store type this provider creates, such as {@code aws}; lower case. */
    String type();

    /**
     * Creates a resolver from {@code config}. Read every option through the accessors of
     * {@link StoreConfig}: after this returns, the caller rejects any option the provider did not
     * ask for as an unknown key.
     *
     * @throws dev.secrets.SecretConfigurationException if an option is missing or invalid
     */
    SecretResolver create(StoreConfig config);

    /**
     * Returns whether stores of this type are cached when their configuration has no
     * {@code cache} section. By default, false. Providers of remote stores, which are slow,
     * rate-limited or billed per call, return true, so every such store runs behind a cache with
     * the default {@link dev.secrets.CacheOptions}. A configuration turns the cache off again with
     * {@code cache: {enabled: false}}.
     */
    default boolean cachedByDefault() {
        return false;
    }
}
