package dev.secrets.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.spi.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the examples of README.md as written there, so the README stays true. */
class ReadmeExamplesTest {

    @Test
    void yamlExampleResolvesFromConfig(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("secrets.yaml"), "stores:\n"
                + "  - type: env                    # SECRETS__GEHEIM resolves the name \"geheim\"\n"
                + "  - type: config\n"
                + "    values:\n"
                + "      geheim: \"from the configuration\"\n");

        try (Secrets secrets = Secrets.builder().environment(Map.of()).config(file).build();
                SecretValue geheim = secrets.resolve("geheim")) {

            assertEquals("***", geheim.toString());
            assertEquals("config", geheim.store().get());
            assertEquals("from the configuration", new String(geheim.asChars()));
        }
    }

    @Test
    void builderExampleResolvesFromMemory() {
        MemorySecretStore memory = MemorySecretStore.builder().secret("geheim", "s3cr3t").build();

        try (Secrets secrets = Secrets.builder()
                .environment(Map.of())
                .store(StoreConfig.builder("env").build())
                .store(StoreConfig.builder("config").option("values", Map.of("other", "value")).build())
                .store("memory", memory)
                .build();
                SecretValue geheim = secrets.resolve("geheim")) {

            assertEquals("s3cr3t", geheim.asString());
            assertEquals("memory", geheim.store().get());
        }
    }
}
