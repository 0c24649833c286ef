package dev.secrets.internal;

import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreConfig;

/**
 * Applies the options that every store type shares, around the resolver a provider created.
 *
 * <p>Option {@code read-only} (by default, false) makes the store reject writes; a store whose
 * capabilities already say read-only is guarded whatever the option says.
 */
final class StoreDecorators {

    static final String READ_ONLY = "read-only";

    private StoreDecorators() {
    }

    /** Reads the shared options from {@code config} before the provider reads its own. */
    static SharedOptions read(StoreConfig config) {
        return new SharedOptions(config.bool(READ_ONLY, false));
    }

    /** Wraps {@code resolver} as the shared options say. */
    static SecretResolver decorate(SecretResolver resolver, SharedOptions options, StoreConfig config) {
        SecretResolver decorated = resolver;
        if (options.readOnly() || resolver.capabilities().readOnly()) {
            decorated = new ReadOnlyGuard(decorated, config.name(), config.type());
        }
        return decorated;
    }

    /** The shared options of one store. */
    record SharedOptions(boolean readOnly) {
    }
}
