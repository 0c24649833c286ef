package dev.secrets.cli;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretName;
import dev.secrets.spi.SecretStore;
import dev.secrets.testkit.contract.SecretStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the testkit's store contract against the file store. It lives here because secrets-api
 * cannot depend on the testkit, which depends on secrets-api.
 */
class FileSecretStoreContractTest extends SecretStoreContract {

    @TempDir
    Path temp;

    @Override
    protected SecretStore createStore(Map<String, byte[]> secrets) {
        Path directory;
        try {
            directory = Files.createTempDirectory(temp, "store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FileSecretStore store = FileSecretStore.builder().directory(directory).build();
        secrets.forEach((name, value) -> store.add(SecretName.of(name), value).join());
        return store;
    }
}
