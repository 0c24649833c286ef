package dev.secrets.internal;

import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;

/**
 * Provider of store type {@code env}. Option {@code prefix}: the variable name prefix; by default,
 * {@code SECRETS__}. Set it to {@code TENZIR_SECRETS__} to read the variables of a Tenzir node.
 */
public final class EnvProvider implements SecretResolverProvider {

    /** The default variable prefix. */
    public static final String DEFAULT_PREFIX = "SECRETS__";

    @Override
    public String type() {
        return "env";
    }

    @Override
    public SecretResolver create(StoreConfig config) {
        String prefix = config.string("variable-prefix").orElse(DEFAULT_PREFIX);
        if (prefix.isEmpty()) {
            throw config.invalid("variable-prefix", "must not be empty, because every variable would then be a secret");
        }
        return new EnvResolver(config.name(), prefix, config.environment());
    }
}
