package dev.secrets.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretConfigurationException;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformResolverProviderTest {

    private final PlatformResolverProvider provider = new PlatformResolverProvider();

    @TempDir
    Path directory;

    @Test
    void serviceLoaderFindsPlatformProvider() {
        List<String> types = ServiceLoader.load(SecretResolverProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .map(SecretResolverProvider::type)
                .toList();

        assertTrue(types.contains("platform"), types.toString());
    }

    @Test
    void createsResolverWithInlineToken() {
        StoreConfig config = config().option("node-token", "tok-123").build();

        try (SecretResolver resolver = provider.create(config)) {
            assertInstanceOf(NodeResolver.class, resolver);
            assertFalse(resolver.toString().contains("tok-123"), resolver.toString());
        }
        config.rejectUnknownKeys();
    }

    @Test
    void readsTokenFileWithoutSurroundingWhitespace() throws IOException {
        Path tokenFile = Files.writeString(directory.resolve("token"), "  tok-from-file\n");
        StoreConfig config = config().option("node-token-file", tokenFile.toString()).build();

        try (SecretResolver resolver = provider.create(config)) {
            assertInstanceOf(NodeResolver.class, resolver);
        }
    }

    @Test
    void acceptsEveryDocumentedOption() {
        StoreConfig config = config()
                .option("node-token", "tok")
                .option("allow-insecure-http", false)
                .option("connect-timeout", "2s")
                .option("request-timeout", "5s")
                .option("max-retries", 0)
                .option("max-response-bytes", 2048)
                .build();

        provider.create(config).close();

        config.rejectUnknownKeys();
    }

    @Test
    void missingEndpointIsRejected() {
        StoreConfig config = StoreConfig.builder("platform").option("node-token", "tok").build();

        SecretConfigurationException error = assertThrows(SecretConfigurationException.class,
                () -> provider.create(config));

        assertEquals("Missing configuration key store 'platform'.endpoint (required for store type 'platform').",
                error.getMessage());
    }

    @Test
    void missingTokenIsRejected() {
        SecretConfigurationException error = assertThrows(SecretConfigurationException.class,
                () -> provider.create(config().build()));

        assertEquals("Invalid configuration at store 'platform'.node-token: is missing; set node-token, or "
                + "node-token-file to a file that contains the token.", error.getMessage());
    }

    @Test
    void bothTokenOptionsAreRejected() {
        StoreConfig config = config().option("node-token", "a").option("node-token-file", "/x").build();

        SecretConfigurationException error = assertThrows(SecretConfigurationException.class,
                () -> provider.create(config));

        assertEquals("Invalid configuration at store 'platform'.node-token: set either node-token or "
                + "node-token-file, not both.", error.getMessage());
    }

    @Test
    void unreadableTokenFileIsRejected() {
        Path missing = directory.resolve("absent");
        StoreConfig config = config().option("node-token-file", missing.toString()).build();

        SecretConfigurationException error = assertThrows(SecretConfigurationException.class,
                () -> provider.create(config));

        assertEquals("Invalid configuration at store 'platform'.node-token-file: cannot read " + missing
                + " (NoSuchFileException); check the path and its permissions.", error.getMessage());
    }

    @Test
    void tokenWithSpacesIsRejectedWithoutShowingIt() {
        StoreConfig config = config().option("node-token", "secret token").build();

        SecretConfigurationException error = assertThrows(SecretConfigurationException.class,
                () -> provider.create(config));

        assertFalse(error.getMessage().contains("secret token"), error.getMessage());
    }

    @Test
    void plainHttpToRemoteHostIsRejected() {
        StoreConfig config = StoreConfig.builder("platform")
                .option("endpoint", "http://platform.example.com")
                .option("node-token", "tok")
                .build();

        SecretConfigurationException error = assertThrows(SecretConfigurationException.class,
                () -> provider.create(config));

        assertTrue(error.getMessage().startsWith("Invalid configuration at store 'platform'.endpoint: "
                + "'http://platform.example.com' uses plain http://"), error.getMessage());
    }

    @Test
    void outOfRangeRetriesAreRejected() {
        StoreConfig config = config().option("node-token", "tok").option("max-retries", 11).build();

        SecretConfigurationException error = assertThrows(SecretConfigurationException.class,
                () -> provider.create(config));

        assertEquals("Invalid configuration at store 'platform'.max-retries: is 11 but must be between 0 and 10.",
                error.getMessage());
    }

    @Test
    void misspeltOptionIsLeftForUnknownKeyCheck() {
        StoreConfig config = config().option("node-token", "tok").option("max-retry", 2).build();

        provider.create(config).close();

        SecretConfigurationException error = assertThrows(SecretConfigurationException.class,
                config::rejectUnknownKeys);
        assertTrue(error.getMessage().startsWith("Unknown configuration key store 'platform'.max-retry"),
                error.getMessage());
    }

    private static StoreConfig.Builder config() {
        return StoreConfig.builder("platform").option("endpoint", "http://127.0.0.1:1");
    }
}
