package dev.secrets.internal;

import dev.secrets.CacheOptions;
import dev.secrets.SecretReference;
import dev.secrets.internal.cache.CacheConfig;
import dev.secrets.internal.cache.CachingResolver;
import dev.secrets.internal.prefix.Prefix;
import dev.secrets.internal.prefix.PrefixedResolver;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreConfig;
import dev.secrets.spi.TimeSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Applies the options that every store type shares, around the resolver a provider created.
 * Providers never read these options.
 *
 * <ul>
 *   <li>{@code prefix} (by default, none): the store reads {@code prefix + name}, and names that
 *       would leave the prefix are rejected before any I/O; see {@link Prefix}.
 *   <li>{@code cache} (by default, none, unless the provider is
 *       {@linkplain dev.secrets.spi.SecretResolverProvider#cachedByDefault() cached by default}):
 *       a map of {@link CacheOptions}; see {@link CacheConfig}.
 *   <li>{@code read-only} (by default, false): writes fail with
 *       {@link dev.secrets.ReadOnlySecretStoreException}. A store whose capabilities already report
 *       read-only is guarded whatever the option is.
 * </ul>
 *
 * <p>The decorators wrap the provider's resolver in this order, from the inside out: prefix,
 * cache, read-only guard. Cache keys are therefore the names callers use, without the prefix. A
 * name outside the prefix fails without I/O, and the cache does not keep that error because it is
 * not retryable. The guard rejects writes before they reach the cache or the store.
 */
public final class StoreDecorators {

    static final String READ_ONLY = "read-only";
    static final String PREFIX = "prefix";

    private StoreDecorators() {
    }

    /**
     * Reads the shared options from {@code config} before the provider reads its own.
     *
     * @param cachedByDefault whether the provider requests a cache when {@code cache} is absent
     * @throws dev.secrets.SecretConfigurationException naming the path of an invalid option
     */
    static SharedOptions read(StoreConfig config, boolean cachedByDefault) {
        boolean readOnly = config.bool(READ_ONLY, false);
        Optional<Prefix> prefix = config.string(PREFIX).map(value -> {
            try {
                return Prefix.of(value, config.name());
            } catch (IllegalArgumentException e) {
                throw config.invalid(PREFIX, e.getMessage());
            }
        });
        Optional<CacheOptions> cache = CacheConfig.read(config, cachedByDefault);
        return new SharedOptions(readOnly, prefix, cache);
    }

    /** Wraps {@code resolver} in the decorators the shared options select, in the order given above. */
    static SecretResolver decorate(SecretResolver resolver, SharedOptions options, StoreConfig config) {
        SecretResolver decorated = resolver;
        if (options.prefix().isPresent()) {
            decorated = PrefixedResolver.wrap(decorated, options.prefix().get());
        }
        if (options.cache().isPresent()) {
            decorated = cached(decorated, config.name(), config.type(), options.cache().get(), config.timeSource(),
                    config.executor());
        }
        if (options.readOnly() || resolver.capabilities().readOnly()) {
            decorated = ReadOnlyGuard.guard(decorated, config.name(), config.type());
        }
        return decorated;
    }

    /** Wraps {@code resolver} in a cache; {@code executor} runs background refreshes. */
    static SecretResolver cached(SecretResolver resolver, String storeName, String storeType, CacheOptions options,
            TimeSource timeSource, Executor executor) {
        return CachingResolver.wrap(resolver, storeName, storeType, options, timeSource, executor);
    }

    /** Returns the cache among the decorators of {@code resolver}, if it has one. */
    public static Optional<CachingResolver> cacheOf(SecretResolver resolver) {
        SecretResolver inner = ReadOnlyGuard.unwrap(resolver);
        return inner instanceof CachingResolver ? Optional.of((CachingResolver) inner) : Optional.empty();
    }

    /**
     * Reads {@code references} from {@code store}, bypassing its cache, if it has one, and storing
     * the new values in it.
     */
    public static CompletableFuture<Map<SecretReference, SecretLookup>> refreshAll(ConfiguredStore store,
            Set<SecretReference> references) {
        Optional<CachingResolver> cache = cacheOf(store.resolver());
        if (cache.isPresent()) {
            return cache.get().refreshAll(references);
        }
        return store.resolver().resolveAll(references);
    }

    /** The shared options of one store. */
    record SharedOptions(boolean readOnly, Optional<Prefix> prefix, Optional<CacheOptions> cache) {
    }
}
