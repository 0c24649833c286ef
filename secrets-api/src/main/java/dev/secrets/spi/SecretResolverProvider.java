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
}
