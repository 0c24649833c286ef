package dev.secrets;

import dev.secrets.internal.ConfigFiles;
import dev.secrets.internal.ConfiguredStore;
import dev.secrets.internal.ResolutionChain;
import dev.secrets.internal.StoreDecorators;
import dev.secrets.internal.StoreFactory;
import dev.secrets.internal.cache.CachingResolver;
import dev.secrets.spi.Failures;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreConfig;
import dev.secrets.spi.TimeSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Resolves secrets from an ordered chain of stores. The entry point of the SDK.
 *
 * <pre>{@code
 * try (Secrets secrets = Secrets.fromConfig(Path.of("secrets.yaml"));
 *      SecretValue password = secrets.resolve("db-password")) {
 *     connect(password.asChars());
 * }
 * }</pre>
 *
 * <p>Stores are asked in their configured order. The first store that has a name returns it. "Not
 * found" moves on to the next store, but any other failure (denied, unavailable, bad format)
 * stops the lookup and is raised, so a lower store never silently returns a value for a name a
 * higher store failed to read. A name found nowhere is a {@link SecretNotFoundException} naming
 * every store consulted.
 *
 * <p>Instances are immutable and thread-safe. {@link #close()} closes the stores this instance
 * created and its executor; resolvers passed to {@link Builder#store(String, SecretResolver)}
 * belong to the caller and are not closed.
 */
public final class Secrets implements AutoCloseable {

    private final List<ConfiguredStore> stores;
    private final ResolutionChain chain;
    private final ExecutorService ownedExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Secrets(List<ConfiguredStore> stores, ExecutorService ownedExecutor) {
        this.stores = List.copyOf(stores);
        this.chain = new ResolutionChain(this.stores);
        this.ownedExecutor = ownedExecutor;
    }

    /** Returns a builder for a chain of stores. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a chain from a JSON or YAML file with a {@code stores} list, reading the process
     * environment.
     *
     * @throws SecretConfigurationException if the file is missing or invalid, or a store cannot be
     *     created; stores created before the failing one are closed again
     */
    public static Secrets fromConfig(Path path) {
        return builder().config(path).build();
    }

    /**
     * Resolves {@code reference} ({@code name} or {@code name:field}) and waits for the result.
     *
     * @throws InvalidSecretNameException if the reference is not valid
     * @throws SecretNotFoundException if no store has it
     * @throws SecretException for every other failure, with {@link SecretException#retryable()}
     */
    public SecretValue resolve(String reference) {
        return resolve(SecretReference.parse(reference));
    }

    /** Resolves {@code reference} and waits for the result; throws as {@link #resolve(String)}. */
    public SecretValue resolve(SecretReference reference) {
        Objects.requireNonNull(reference, "reference");
        checkOpen();
        SecretLookup immediate = chain.lookupNow(reference);
        if (immediate != null) {
            return valueOf(immediate);
        }
        return join(resolveAsync(reference));
    }

    /** Resolves {@code reference} without blocking; the future fails with a {@link SecretException}. */
    public CompletableFuture<SecretValue> resolveAsync(SecretReference reference) {
        Objects.requireNonNull(reference, "reference");
        checkOpen();
        SecretLookup immediate = chain.lookupNow(reference);
        if (immediate != null) {
            try {
                return CompletableFuture.completedFuture(valueOf(immediate));
            } catch (SecretException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return lookupAllAsync(List.of(reference)).thenApply(results -> {
            SecretLookup lookup = results.get(reference);
            if (lookup.isFound()) {
                return lookup.value();
            }
            throw lookup.failure();
        });
    }

    /**
     * Resolves every reference with one batch per store and waits. Either all resolve, or this
     * throws {@link SecretResolutionException} listing every failed reference with its own cause,
     * after all were tried; the values that did resolve are then wiped.
     */
    public Map<SecretReference, SecretValue> resolveAll(Collection<SecretReference> references) {
        return join(resolveAllAsync(references));
    }

    /** Resolves every reference without blocking; fails as {@link #resolveAll(Collection)} throws. */
    public CompletableFuture<Map<SecretReference, SecretValue>> resolveAllAsync(Collection<SecretReference> references) {
        return lookupAllAsync(references).thenApply(Secrets::valuesOrThrow);
    }

    /**
     * Looks every reference up with one batch per store and returns one outcome per reference, in
     * the order given. Failures of single references do not throw; use this to report partial
     * results.
     */
    public Map<SecretReference, SecretLookup> lookupAll(Collection<SecretReference> references) {
        return join(lookupAllAsync(references));
    }

    /** Looks every reference up without blocking, as {@link #lookupAll(Collection)}. */
    public CompletableFuture<Map<SecretReference, SecretLookup>> lookupAllAsync(Collection<SecretReference> references) {
        Objects.requireNonNull(references, "references");
        checkOpen();
        Set<SecretReference> unique = new LinkedHashSet<>();
        for (SecretReference reference : references) {
            unique.add(Objects.requireNonNull(reference, "references must not contain null"));
        }
        return chain.lookupAll(unique);
    }

    /** Returns the stores of the chain, in lookup order. */
    public List<StoreInfo> stores() {
        List<StoreInfo> infos = new ArrayList<>();
        for (ConfiguredStore store : stores) {
            infos.add(new StoreInfo(store.name(), store.type(), store.resolver().capabilities()));
        }
        return List.copyOf(infos);
    }

    /**
     * Returns the writable view of the store named {@code name}, for adding, updating, deleting and
     * listing; empty when no store has that name or the store type cannot be written or listed.
     * Writes to a read-only store fail with {@link ReadOnlySecretStoreException}.
     */
    public Optional<SecretStore> store(String name) {
        Objects.requireNonNull(name, "name");
        for (ConfiguredStore store : stores) {
            if (store.name().equals(name) && store.resolver() instanceof SecretStore) {
                return Optional.of((SecretStore) store.resolver());
            }
        }
        return Optional.empty();
    }

    /** Closes the stores this instance created, then its executor. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        StoreFactory.closeAll(stores);
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    /** Lists the stores; never values or configuration secrets. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        stores.forEach(store -> names.add(store.describe()));
        return "Secrets[stores=" + names + (closed.get() ? ", closed" : "") + "]";
    }

    private static SecretValue valueOf(SecretLookup lookup) {
        if (lookup.isFound()) {
            return lookup.value();
        }
        throw lookup.failure();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This Secrets instance is closed; build a new one.");
        }
    }

    private static Map<SecretReference, SecretValue> valuesOrThrow(Map<SecretReference, SecretLookup> results) {
        Map<SecretReference, SecretValue> values = new LinkedHashMap<>();
        Map<SecretReference, SecretException> failures = new LinkedHashMap<>();
        results.forEach((reference, lookup) -> {
            if (lookup.isFound()) {
                values.put(reference, lookup.value());
            } else {
                failures.put(reference, lookup.failure());
            }
        });
        if (!failures.isEmpty()) {
            values.values().forEach(SecretValue::close);
            throw new SecretResolutionException(failures);
        }
        return values;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw Failures.toSecretException(e);
        }
    }

    // Caching: forced refresh, invalidation and statistics.

    /**
     * Resolves {@code reference} again from the backend and waits, bypassing every cache: each
     * store of the chain is asked directly, in order, and a cached store keeps the new value.
     * Use it after a secret changed in its store.
     *
     * <pre>{@code
     * try (SecretValue rotated = secrets.refresh("db-password")) {
     *     reconnect(rotated.asChars());
     * }
     * }</pre>
     *
     * @throws SecretException as {@link #resolve(String)} throws; a failed refresh is raised even
     *     when the cache could have served a stale value
     */
    public SecretValue refresh(String reference) {
        return refresh(SecretReference.parse(reference));
    }

    /** Resolves {@code reference} again, bypassing every cache, as {@link #refresh(String)} does. */
    public SecretValue refresh(SecretReference reference) {
        return join(refreshAsync(reference));
    }

    /** Resolves {@code reference} again without blocking, as {@link #refresh(String)} does. */
    public CompletableFuture<SecretValue> refreshAsync(SecretReference reference) {
        Objects.requireNonNull(reference, "reference");
        checkOpen();
        return chain.lookupAll(Set.of(reference), StoreDecorators::refreshAll)
                .thenApply(results -> valueOrThrow(results.get(reference)));
    }

    /**
     * Drops the cached entry of {@code reference} from every cached store, so the next lookup loads
     * it from the store. The JSON field is ignored, because the cache contains whole secrets; other
     * versions of the name stay cached.
     */
    public void invalidate(String reference) {
        invalidate(SecretReference.parse(reference));
    }

    /** Drops the cached entry of {@code reference} from every cached store, as {@link #invalidate(String)}. */
    public void invalidate(SecretReference reference) {
        Objects.requireNonNull(reference, "reference");
        for (ConfiguredStore store : stores) {
            StoreDecorators.cacheOf(store.resolver()).ifPresent(cache -> cache.invalidate(reference));
        }
    }

    /** Drops every cached entry of every store. */
    public void invalidateAll() {
        for (ConfiguredStore store : stores) {
            StoreDecorators.cacheOf(store.resolver()).ifPresent(CachingResolver::invalidateAll);
        }
    }

    /** Returns the cache counters summed over every cached store; all zero when no store is cached. */
    public CacheStats cacheStats() {
        CacheStats total = CacheStats.EMPTY;
        for (ConfiguredStore store : stores) {
            Optional<CachingResolver> cache = StoreDecorators.cacheOf(store.resolver());
            if (cache.isPresent()) {
                total = total.plus(cache.get().stats());
            }
        }
        return total;
    }

    /** Returns the cache counters of the store named {@code storeName}; empty when it has no cache. */
    public Optional<CacheStats> cacheStats(String storeName) {
        Objects.requireNonNull(storeName, "storeName");
        for (ConfiguredStore store : stores) {
            if (store.name().equals(storeName)) {
                return StoreDecorators.cacheOf(store.resolver()).map(CachingResolver::stats);
            }
        }
        return Optional.empty();
    }

    private static SecretValue valueOrThrow(SecretLookup lookup) {
        if (lookup.isFound()) {
            return lookup.value();
        }
        throw lookup.failure();
    }

    /**
     * Resolves secret expressions at the point of use and waits. The references of all
     * expressions are collected, looked up once each in one batch per store, and every expression
     * is then computed from them.
     *
     * <pre>{@code
     * Secret authorization = Secret.literal("Bearer ").concat(Secret.named("hec-token"));
     * try (ResolvedSecrets resolved = secrets.resolve(authorization)) {
     *     request.header("Authorization", resolved.get(authorization).asString());
     * }
     * }</pre>
     *
     * @throws SecretResolutionException if references failed, listing every failed reference with
     *     its own cause after all were tried
     * @throws SecretFormatException if a decode step failed, naming the step and the secrets its
     *     input was built from
     */
    public ResolvedSecrets resolve(Secret... expressions) {
        return resolve(Arrays.asList(Objects.requireNonNull(expressions, "expressions")));
    }

    /** Resolves secret expressions and waits, keeping the list's order. Throws as {@link #resolve(Secret...)}. */
    public ResolvedSecrets resolve(List<Secret> expressions) {
        return join(resolveAsync(expressions));
    }

    /** Resolves secret expressions without blocking. The future fails as {@link #resolve(Secret...)} throws. */
    public CompletableFuture<ResolvedSecrets> resolveAsync(Secret... expressions) {
        return resolveAsync(Arrays.asList(Objects.requireNonNull(expressions, "expressions")));
    }

    /** Resolves secret expressions without blocking, in the list's order, as {@link #resolve(Secret...)}. */
    public CompletableFuture<ResolvedSecrets> resolveAsync(List<Secret> expressions) {
        Objects.requireNonNull(expressions, "expressions");
        List<Secret> batch = new ArrayList<>(expressions.size());
        Set<SecretReference> references = new LinkedHashSet<>();
        for (Secret expression : expressions) {
            batch.add(Objects.requireNonNull(expression, "expressions must not contain null"));
            references.addAll(expression.names());
        }
        return resolveAllAsync(references).thenApply(values -> ResolvedSecrets.evaluate(batch, values));
    }

    /**
     * Builds a {@link Secrets} chain. Stores are consulted in the order they are added. Not
     * thread-safe.
     */
    public static final class Builder {

        private final List<StoreFactory.Source> sources = new ArrayList<>();
        private Map<String, String> environment;
        private TimeSource timeSource = TimeSource.system();
        private Executor executor;
        private ClassLoader classLoader;

        private Builder() {
        }

        /**
         * Adds a store created by the provider of {@code config.type()}, found with
         * {@link java.util.ServiceLoader}. The chain owns and closes it. The chain's environment,
         * time source and executor replace those set on {@code config}.
         *
         * <p>Three options apply to every store type, and the chain reads them itself.
         * {@code prefix} confines the store to names under a prefix and rejects names that would
         * leave it before any I/O. {@code cache} is a map of {@link CacheOptions}. By default, a
         * store has no cache unless its provider requests one, and {@code cache: {enabled: false}}
         * turns that off. {@code read-only: true} makes writes fail with
         * {@link ReadOnlySecretStoreException}. They wrap the store from the inside out in that
         * order, so cache keys are the names callers use, without the prefix.
         */
        public Builder store(StoreConfig config) {
            sources.add(StoreFactory.Source.fromConfig(Objects.requireNonNull(config, "config"),
                    "stores[" + sources.size() + "]"));
            return this;
        }

        /** Adds a resolver that the caller created and owns; the chain never closes it. */
        public Builder store(String name, SecretResolver resolver) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(resolver, "resolver");
            sources.add(StoreFactory.Source.fromResolver(name, resolver));
            return this;
        }

        /**
         * Adds a resolver that the caller created and owns, behind a cache with {@code cache}
         * options. The chain never closes the resolver.
         *
         * <pre>{@code
         * Secrets.builder().store("vault", vaultResolver, CacheOptions.builder().ttl(Duration.ofMinutes(10)).build())
         * }</pre>
         */
        public Builder store(String name, SecretResolver resolver, CacheOptions cache) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(resolver, "resolver");
            Objects.requireNonNull(cache, "cache");
            sources.add(StoreFactory.Source.fromResolver(name, resolver, cache));
            return this;
        }

        /** Adds the stores of a JSON or YAML configuration file, read now. */
        public Builder config(Path path) {
            Objects.requireNonNull(path, "path");
            Map<String, Object> tree = ConfigFiles.read(path);
            List<Map<String, Object>> storeTrees = ConfigFiles.stores(tree, path);
            for (int i = 0; i < storeTrees.size(); i++) {
                sources.add(StoreFactory.Source.fromTree(storeTrees.get(i), path + ": stores[" + i + "]"));
            }
            return this;
        }

        /**
         * Sets the environment variables that stores may read. By default, the process
         * environment ({@link System#getenv()}). Tests pass a map so results never depend on the
         * machine.
         */
        public Builder environment(Map<String, String> value) {
            this.environment = Map.copyOf(value);
            return this;
        }

        /** Sets the time source for expiry and timestamps. By default, {@link TimeSource#system()}. */
        public Builder timeSource(TimeSource value) {
            this.timeSource = Objects.requireNonNull(value, "timeSource");
            return this;
        }

        /**
         * Sets the executor that stores use for blocking work; the caller keeps ownership. By
         * default, the chain creates its own (virtual threads on JDK 21 and later, else a cached
         * pool of daemon threads) and shuts it down on {@link Secrets#close()}.
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Sets the class loader that finds store providers. By default, this library's. */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        /**
         * Creates every store in order and returns the chain.
         *
         * @throws SecretConfigurationException if no store was added, two stores share a name, or a
         *     store cannot be created. The stores created before the failing one are then closed
         *     again, and the message names the failing store.
         */
        public Secrets build() {
            if (sources.isEmpty()) {
                throw new SecretConfigurationException("No secret stores are configured. Add at least one store, "
                        + "for example {\"stores\": [{\"type\": \"env\"}]}.");
            }
            ExecutorService owned = executor == null ? dev.secrets.internal.SecretsExecutors.newIoExecutor() : null;
            Executor effective = executor == null ? owned : executor;
            Map<String, String> env = environment == null ? System.getenv() : environment;
            ClassLoader loader = classLoader == null ? Secrets.class.getClassLoader() : classLoader;
            try {
                List<ConfiguredStore> stores = StoreFactory.createAll(sources, loader, env, timeSource, effective);
                return new Secrets(stores, owned);
            } catch (RuntimeException | Error e) {
                if (owned != null) {
                    owned.shutdown();
                }
                throw e;
            }
        }
    }
}
