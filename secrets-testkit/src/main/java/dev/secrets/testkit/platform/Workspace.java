package dev.secrets.testkit.platform;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.platform.ListStoresResponse;
import dev.secrets.platform.PlatformClient;
import dev.secrets.platform.SecretDetails;
import dev.secrets.platform.SecretStoreDetails;
import dev.secrets.spi.Failures;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreConfig;
import dev.secrets.spi.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One workspace of a {@link LocalPlatformServer}: its id, user keys, node tokens, built-in store
 * and external stores, and which store is the default.
 *
 * <pre>{@code
 * Workspace workspace = server.createWorkspace();
 * try (PlatformClient client = workspace.client()) {
 *     client.addSecret("geheim", SecretValue.ofUtf8("value"));
 * }
 * try (Secrets secrets = Secrets.builder().store(workspace.nodeStore().build()).build()) {
 *     secrets.resolve("geheim");
 * }
 * }</pre>
 *
 * <p>Thread-safe. No monitor is held while a store is called.
 */
public final class Workspace {

    /** The id of the built-in store. */
    public static final String BUILTIN_STORE_ID = SecretStoreDetails.BUILTIN_ID;

    /** The display name of the built-in store, as the platform names it. */
    public static final String BUILTIN_STORE_NAME = "Tenzir Platform";

    private final LocalPlatformServer server;
    private final String id;
    private final SecretStore builtinStore;
    private final TimeSource timeSource;
    private final List<String> userKeys = new CopyOnWriteArrayList<>();
    private final List<String> nodeTokens = new CopyOnWriteArrayList<>();
    private final Map<String, ExternalStore> externalStores = new LinkedHashMap<>();
    private final Map<String, Instant> lastAccessed = new ConcurrentHashMap<>();
    private volatile String defaultStoreId = BUILTIN_STORE_ID;

    Workspace(LocalPlatformServer server, String id, SecretStore builtinStore, TimeSource timeSource) {
        this.server = server;
        this.id = id;
        this.builtinStore = builtinStore;
        this.timeSource = timeSource;
    }

    /** Returns the workspace id, such as {@code t-abcd1234}. */
    public String id() {
        return id;
    }

    /** Returns the first user key of this workspace. */
    public String userKey() {
        return userKeys.get(0);
    }

    /** Returns the first node token of this workspace. */
    public String nodeToken() {
        return nodeTokens.get(0);
    }

    /** Makes and registers another user key for this workspace, and returns it. */
    public String newUserKey() {
        return addUserKey(LocalPlatformServer.randomToken("uk-"));
    }

    /** Makes and registers another node token for this workspace, and returns it. */
    public String newNodeToken() {
        return addNodeToken(LocalPlatformServer.randomToken("nt-"));
    }

    /**
     * Registers {@code key} as a user key for this workspace, for example a fixed key that a
     * script uses.
     *
     * @throws IllegalArgumentException if the key is blank or not printable ASCII
     */
    public String addUserKey(String key) {
        server.registerUserKey(key, id);
        userKeys.add(key);
        return key;
    }

    /**
     * Registers {@code token} as a node token of this workspace.
     *
     * @throws IllegalArgumentException if the token is blank, not printable ASCII, or belongs to
     *     another workspace
     */
    public String addNodeToken(String token) {
        server.registerNodeToken(token, this);
        nodeTokens.add(token);
        return token;
    }

    /** Makes {@code token} invalid; later node requests with it get HTTP 401. */
    public void revokeNodeToken(String token) {
        server.unregisterNodeToken(token);
        nodeTokens.remove(token);
    }

    /** Returns the built-in store, for seeding or inspecting secrets from a test. */
    public SecretStore builtinStore() {
        return builtinStore;
    }

    /** Returns the id of the default store: {@code default} or an external store's {@code st-…}. */
    public String defaultStoreId() {
        return defaultStoreId;
    }

    /**
     * Returns a new client for this workspace's management API with its first user key. The
     * caller closes it.
     */
    public PlatformClient client() {
        return PlatformClient.builder().endpoint(server.uri()).userKey(userKey()).workspaceId(id).build();
    }

    /**
     * Returns a configuration for a {@code platform} store that resolves through this workspace
     * with its first node token; named {@code platform}. Add options before building it.
     */
    public StoreConfig.Builder nodeStore() {
        return StoreConfig.builder("platform")
                .option("endpoint", server.uri().toString())
                .option("node-token", nodeToken());
    }

    @Override
    public String toString() {
        return "Workspace[id=" + id + ", defaultStore=" + defaultStoreId + "]";
    }

    String addSecret(Optional<String> storeId, SecretName name, byte[] value) {
        StoreEntry entry = writableStore(storeId);
        return await(entry.store().add(name, value)).id();
    }

    void updateSecret(Optional<String> storeId, String secretId, byte[] value) {
        StoreEntry entry = writableStore(storeId);
        await(entry.store().update(nameOf(entry, secretId), value));
    }

    void removeSecret(Optional<String> storeId, String secretId) {
        StoreEntry entry = writableStore(storeId);
        await(entry.store().delete(nameOf(entry, secretId)));
    }

    List<SecretDetails> listSecrets(Optional<String> storeId) {
        StoreEntry entry = store(storeId);
        List<SecretDetails> secrets = new ArrayList<>();
        for (SecretMetadata metadata : await(entry.store().list())) {
            // A store that records no timestamps gets the epoch, because last_updated is required.
            Instant updated = metadata.updatedAt().or(metadata::createdAt).orElse(Instant.EPOCH);
            Instant accessed = lastAccessed.get(accessKey(entry.id(), metadata.name().value()));
            secrets.add(new SecretDetails(updated.toString(), accessed == null ? null : accessed.toString(),
                    metadata.id(), metadata.name().value()));
        }
        return secrets;
    }

    ListStoresResponse listStores() {
        List<SecretStoreDetails> stores = new ArrayList<>();
        stores.add(builtinEntry().details());
        synchronized (externalStores) {
            externalStores.values().forEach(store -> stores.add(store.entry().details()));
        }
        return new ListStoresResponse(defaultStoreId, stores);
    }

    void addExternalStore(ExternalStore store, boolean makeDefault) {
        synchronized (externalStores) {
            externalStores.put(store.entry().id(), store);
            if (makeDefault) {
                defaultStoreId = store.entry().id();
            }
        }
    }

    void selectStore(String storeId) {
        synchronized (externalStores) {
            if (!storeId.equals(BUILTIN_STORE_ID) && !externalStores.containsKey(storeId)) {
                throw ApiError.of(404, ApiError.STORE_NOT_FOUND);
            }
            defaultStoreId = storeId;
        }
    }

    void deleteExternalStore(String storeId) {
        ExternalStore removed;
        synchronized (externalStores) {
            if (storeId.equals(BUILTIN_STORE_ID)) {
                throw ApiError.of(400, "The built-in secret store cannot be deleted");
            }
            if (!externalStores.containsKey(storeId)) {
                throw ApiError.of(404, ApiError.STORE_NOT_FOUND);
            }
            if (storeId.equals(defaultStoreId)) {
                throw ApiError.of(400, "Cannot delete the default secret store; select another store first");
            }
            removed = externalStores.remove(storeId);
        }
        removed.close();
    }

    /**
     * Looks {@code names} up in the default store. Names that are not valid secret names are not
     * found, as no store could hold them.
     */
    Map<String, SecretLookup> resolve(List<String> names) {
        StoreEntry entry = store(Optional.empty());
        Map<SecretReference, String> references = new LinkedHashMap<>();
        Map<String, SecretLookup> results = new LinkedHashMap<>();
        for (String name : names) {
            if (SecretName.isValid(name)) {
                references.put(SecretReference.of(SecretName.of(name)), name);
            } else {
                results.put(name, SecretLookup.notFound("not a valid secret name"));
            }
        }
        Map<SecretReference, SecretLookup> lookups;
        try {
            lookups = entry.store().resolveAll(Set.copyOf(references.keySet())).join();
        } catch (CompletionException e) {
            SecretLookup failed = SecretLookup.failed(Failures.toSecretException(e));
            references.values().forEach(name -> results.put(name, failed));
            return results;
        }
        Instant now = timeSource.now();
        references.forEach((reference, name) -> {
            SecretLookup lookup = lookups.getOrDefault(reference, SecretLookup.notFound());
            if (lookup.isFound()) {
                lastAccessed.put(accessKey(entry.id(), name), now);
            }
            results.put(name, lookup);
        });
        return results;
    }

    /** Closes the external stores; the built-in store is closed by the server. */
    void closeExternalStores() {
        List<ExternalStore> stores;
        synchronized (externalStores) {
            stores = List.copyOf(externalStores.values());
            externalStores.clear();
        }
        stores.forEach(ExternalStore::close);
    }

    List<String> userKeys() {
        return List.copyOf(userKeys);
    }

    List<String> nodeTokens() {
        return List.copyOf(nodeTokens);
    }

    private StoreEntry writableStore(Optional<String> storeId) {
        StoreEntry entry = store(storeId);
        if (!entry.writable()) {
            throw ApiError.of(400, ApiError.READ_ONLY);
        }
        return entry;
    }

    private StoreEntry store(Optional<String> storeId) {
        String wanted = storeId.orElse(defaultStoreId);
        if (wanted.equals(BUILTIN_STORE_ID)) {
            return builtinEntry();
        }
        synchronized (externalStores) {
            ExternalStore store = externalStores.get(wanted);
            if (store == null) {
                throw ApiError.of(404, ApiError.STORE_NOT_FOUND);
            }
            return store.entry();
        }
    }

    private StoreEntry builtinEntry() {
        return new StoreEntry(BUILTIN_STORE_ID, SecretStoreDetails.BUILTIN_TYPE, BUILTIN_STORE_NAME, builtinStore,
                !builtinStore.capabilities().readOnly(), false, Map.of());
    }

    private SecretName nameOf(StoreEntry entry, String secretId) {
        for (SecretMetadata metadata : await(entry.store().list())) {
            if (metadata.id().equals(secretId)) {
                return metadata.name();
            }
        }
        throw ApiError.of(404, ApiError.SECRET_NOT_FOUND);
    }

    private static String accessKey(String storeId, String name) {
        return storeId + '\0' + name;
    }

    /** Waits for a store call and turns its failure into the platform's error reply. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw toApiError(Failures.toSecretException(e));
        }
    }

    private static ApiError toApiError(SecretException failure) {
        if (failure instanceof SecretAlreadyExistsException) {
            return ApiError.of(400, ApiError.ALREADY_EXISTS);
        }
        if (failure instanceof ReadOnlySecretStoreException) {
            return ApiError.of(400, ApiError.READ_ONLY);
        }
        if (failure instanceof SecretNotFoundException) {
            return ApiError.of(404, ApiError.SECRET_NOT_FOUND);
        }
        if (failure instanceof SecretAccessDeniedException || failure instanceof SecretConfigurationException) {
            return ApiError.of(400, ApiError.INVALID_CREDENTIALS);
        }
        if (failure instanceof SecretStoreUnavailableException) {
            return ApiError.of(503, "Secret store unavailable, try again later");
        }
        throw failure;
    }

    /** A store as the API shows it, with the instance that serves it. */
    record StoreEntry(String id, String type, String name, SecretStore store, boolean writable, boolean deletable,
            Map<String, String> options) {

        StoreEntry {
            Objects.requireNonNull(store, "store");
            options = Map.copyOf(options);
        }

        SecretStoreDetails details() {
            return new SecretStoreDetails(type, id, name, writable, deletable, new LinkedHashMap<>(options));
        }
    }
}
