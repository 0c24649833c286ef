package dev.secrets.testkit.cache;

import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.MemorySecretStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider of the test store type {@code remote-memory}: a stand-in for a remote store that
 * requests a cache by default. It hands out the {@link MemorySecretStore} a test registered under the
 * store's name, so the test can count calls and inject faults.
 */
public final class RemoteMemoryProvider implements SecretResolverProvider {

    private static final Map<String, MemorySecretStore> STORES = new ConcurrentHashMap<>();

    /** Makes the next store named {@code name} be {@code store}. */
    static void register(String name, MemorySecretStore store) {
        STORES.put(name, store);
    }

    @Override
    public String type() {
        return "remote-memory";
    }

    @Override
    public boolean cachedByDefault() {
        return true;
    }

    @Override
    public SecretResolver create(StoreConfig config) {
        MemorySecretStore store = STORES.remove(config.name());
        if (store == null) {
            throw config.invalid("name", "no test registered a store named '" + config.name() + "'");
        }
        return store;
    }
}
