package dev.secrets.platform.internal;

import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretResolverProvider;
import dev.secrets.spi.StoreConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates resolvers of type {@code platform}, which read the workspace's default store through the
 * node endpoint. Options:
 *
 * <ul>
 *   <li>{@code endpoint} (required): the platform's base URL;
 *   <li>{@code node-token} or {@code node-token-file} (exactly one): the bearer token of the node,
 *       or a file whose content, without surrounding whitespace, is the token; the file is read
 *       once, when the store is created;
 *   <li>{@code allow-insecure-http} (default false): allow {@code http://} to hosts other than
 *       loopback;
 *   <li>{@code connect-timeout} (default 10s), {@code request-timeout} (default 30s, the deadline
 *       of one attempt including its body);
 *   <li>{@code max-retries} (default 3, 0 to 10): retries of 429 and 503 replies;
 *   <li>{@code max-response-bytes} (default 10 MiB, 1 KiB to 1 GiB): the largest reply read.
 * </ul>
 */
public final class PlatformResolverProvider implements SecretResolverProvider {

    /** Delay before the first retry, before jitter. */
    static final Duration RETRY_BASE_DELAY = Duration.ofMillis(200);

    /** Maximum delay between retries; a longer Retry-After ends the retries. */
    static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(10);

    private static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

    /**
     * Returns true: every read of this store is a billed, rate-limited network call, so the core
     * caches it with the default cache options unless the configuration sets {@code cache:
     * {enabled: false}}.
     */
    @Override
    public boolean cachedByDefault() {
        return true;
    }

    @Override
    public String type() {
        return "platform";
    }

    @Override
    public SecretResolver create(StoreConfig config) {
        URI endpoint = endpoint(config);
        String token = nodeToken(config);
        Duration connectTimeout = config.duration("connect-timeout", Duration.ofMillis(1), Duration.ofMinutes(5))
                .orElse(Duration.ofSeconds(10));
        Duration requestTimeout = config.duration("request-timeout", Duration.ofMillis(1), Duration.ofMinutes(10))
                .orElse(Duration.ofSeconds(30));
        int maxRetries = (int) config.integer("max-retries", 3, 0, 10);
        long maxResponseBytes = config.integer("max-response-bytes", DEFAULT_MAX_RESPONSE_BYTES, 1024,
                1024L * 1024 * 1024);

        PlatformHttp http = new PlatformHttp(PlatformHttp.newClient(connectTimeout), true, requestTimeout,
                maxResponseBytes);
        return new NodeResolver(new NodeResolver.Settings(config.name(), endpoint, token, http, maxRetries,
                new RetrySchedule(RETRY_BASE_DELAY, RETRY_MAX_DELAY), Delayer.system(),
                () -> ThreadLocalRandom.current().nextDouble(), config.timeSource()));
    }

    private static URI endpoint(StoreConfig config) {
        String endpoint = config.requireString("endpoint");
        boolean allowInsecureHttp = config.bool("allow-insecure-http", false);
        try {
            return Endpoints.parse(endpoint, allowInsecureHttp, "allow-insecure-http");
        } catch (IllegalArgumentException e) {
            throw config.invalid("endpoint", e.getMessage());
        }
    }

    private static String nodeToken(StoreConfig config) {
        boolean inline = config.has("node-token");
        boolean file = config.has("node-token-file");
        if (inline == file) {
            throw config.invalid("node-token", inline
                    ? "set either node-token or node-token-file, not both"
                    : "is missing; set node-token, or node-token-file to a file that contains the token");
        }
        String token = inline ? config.requireString("node-token") : readTokenFile(config);
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw config.invalid(inline ? "node-token" : "node-token-file",
                    "the token must be printable ASCII without spaces; its value is not shown");
        }
        return token;
    }

    private static String readTokenFile(StoreConfig config) {
        String location = config.requireString("node-token-file");
        try {
            String token = Files.readString(Path.of(location), StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw config.invalid("node-token-file", "the file " + location + " is empty");
            }
            return token;
        } catch (IOException | InvalidPathException e) {
            throw config.invalid("node-token-file", "cannot read " + location + " ("
                    + e.getClass().getSimpleName() + "); check the path and its permissions");
        }
    }
}
