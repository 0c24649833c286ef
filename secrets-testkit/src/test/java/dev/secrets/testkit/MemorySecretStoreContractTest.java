package dev.secrets.testkit;

import dev.secrets.spi.SecretStore;
import dev.secrets.testkit.contract.SecretStoreContract;
import java.util.Map;

class MemorySecretStoreContractTest extends SecretStoreContract {

    @Override
    protected SecretStore createStore(Map<String, byte[]> secrets) {
        MemorySecretStore.Builder builder = MemorySecretStore.builder();
        secrets.forEach(builder::secret);
        return builder.build();
    }
}
