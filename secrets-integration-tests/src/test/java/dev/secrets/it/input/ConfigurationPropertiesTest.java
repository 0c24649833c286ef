package dev.secrets.it.input;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretConfigurationException;
import dev.secrets.Secrets;
import dev.secrets.spi.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Builds chains from random configuration trees, through files (JSON and YAML) and through
 * {@link StoreConfig}: every tree either builds or fails with {@link SecretConfigurationException}
 * or {@link InvalidSecretNameException}. A {@link SecretConfigurationException} that only wraps
 * an unexpected exception of a provider ("the provider failed with ...") counts as a failure.
 *
 * <p>Nothing here leaves the machine: paths are rewritten into a temporary directory, and every
 * URL is a loopback address on a closed port or not a URL at all. Building a chain opens no
 * connection.
 */
class ConfigurationPropertiesTest {

    private static final List<String> TYPES = List.of("env", "config", "file", "memory", "platform", "aws");

    private static final List<String> KEYS = List.of(
            "prefix", "cache", "read-only", "values", "variable-prefix", "directory", "store", "key-file",
            "endpoint", "node-token", "node-token-file", "allow-insecure-http", "connect-timeout", "request-timeout",
            "max-retries", "max-response-bytes", "region", "sts-endpoint", "assumed-role-arn", "external-id",
            "role-session-name", "session-duration", "access-key-id", "secret-access-key", "session-token",
            "version-stage", "api-call-timeout", "max-attempts", "enabled", "ttl", "max-entries", "refresh-ahead",
            "stale-if-error", "negative-ttl", "retry-delay", "max-retry-delay", "regoin", "", " ", "Type");

    private static final List<String> SAFE_URLS = List.of("http://127.0.0.1:1/", "https://127.0.0.1:1/api",
            "http://[::1]:1", "http://localhost:1", "ftp://127.0.0.1/", "not a url", "", "http://", "127.0.0.1:1",
            "https://127.0.0.1:99999/", "http://127.0.0.1:1/has space");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final AtomicInteger FILES = new AtomicInteger();

    private static Path temp;

    @BeforeContainer
    static void createTemporaryDirectory() throws IOException {
        temp = Files.createTempDirectory("configuration-properties");
    }

    @AfterContainer
    static void deleteTemporaryDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(temp)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void configurationFilesBuildOrFailTyped(@ForAll("configurationTrees") Map<String, Object> tree,
            @ForAll boolean yaml) throws IOException {
        Path file = temp.resolve("config-" + FILES.incrementAndGet() + (yaml ? ".yaml" : ".json"));
        Files.write(file, yaml ? YAML.writeValueAsBytes(tree) : JSON.writeValueAsBytes(tree));

        assertBuildsOrFailsTyped(tree, () -> Secrets.builder().environment(Map.of("SECRETS__A", "x")).config(file)
                .build());
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void storeConfigsBuildOrFailTyped(@ForAll("storeTrees") Map<String, Object> tree) {
        Object type = tree.get("type");
        Object name = tree.get("name");
        Map<String, Object> options = new LinkedHashMap<>(tree);
        options.remove("type");
        options.remove("name");
        options.values().removeIf(value -> value == null);
        if (!(type instanceof String) || ((String) type).isBlank()) {
            return;
        }

        assertBuildsOrFailsTyped(tree, () -> {
            StoreConfig.Builder config = StoreConfig.builder((String) type).options(options);
            if (name instanceof String) {
                config.name((String) name);
            }
            return Secrets.builder().environment(Map.of()).store(config.build()).build();
        });
    }

    /** What builds a chain; may throw. */
    @FunctionalInterface
    private interface ChainBuild {

        Secrets build() throws Exception;
    }

    private static void assertBuildsOrFailsTyped(Map<String, Object> tree, ChainBuild build) {
        try (Secrets secrets = build.build()) {
            assertFalse(secrets.stores().isEmpty());
            Statistics.collect("built");
        } catch (SecretConfigurationException e) {
            assertFalse(e.getMessage().contains("the provider failed with"),
                    "a provider failed unexpectedly on " + tree + ": " + e.getMessage());
            Statistics.collect("SecretConfigurationException");
        } catch (InvalidSecretNameException e) {
            Statistics.collect("InvalidSecretNameException");
        } catch (Exception e) {
            throw new AssertionError("building " + tree + " failed with " + e.getClass().getName(), e);
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> configurationTrees() {
        Arbitrary<Object> stores = Arbitraries.frequencyOf(
                Tuple.of(12, storeTrees().list().ofMinSize(1).ofMaxSize(3).map(list -> (Object) new ArrayList<>(list))),
                Tuple.of(1, values(1)));
        Arbitrary<Map<String, Object>> extra = Arbitraries.maps(Arbitraries.of("stores", "store", "Stores", "version"),
                values(1)).ofMaxSize(2);
        return Combinators.combine(stores, extra, Arbitraries.integers().between(0, 19)).as((list, other, pick) -> {
            Map<String, Object> tree = new LinkedHashMap<>();
            if (pick > 0) {
                tree.put("stores", list);
            }
            if (pick == 19) {
                tree.putAll(other);
            }
            return tree;
        });
    }

    /** Random store trees, and valid ones with up to three random changes, which reach deeper checks. */
    @Provide
    Arbitrary<Map<String, Object>> storeTrees() {
        return Arbitraries.oneOf(randomStoreTrees(), changedValidStoreTrees());
    }

    private Arbitrary<Map<String, Object>> changedValidStoreTrees() {
        Arbitrary<Map<String, Object>> valid = Arbitraries.of(TYPES).map(ConfigurationPropertiesTest::validStore);
        Arbitrary<List<Tuple.Tuple3<Integer, String, Object>>> changes = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.of(KEYS), values(2))
                .as(Tuple::of).list().ofMaxSize(3);
        return Combinators.combine(valid, changes).as((tree, edits) -> {
            for (Tuple.Tuple3<Integer, String, Object> edit : edits) {
                List<String> keys = new ArrayList<>(tree.keySet());
                String existing = keys.get(Math.floorMod(edit.get3() == null ? 0 : edit.get3().hashCode(),
                        keys.size()));
                switch (edit.get1()) {
                    case 0 -> tree.remove(existing);
                    case 1 -> tree.put(existing, edit.get3());
                    case 2 -> tree.put(edit.get2(), edit.get3());
                    default -> {
                        Map<String, Object> cache = new LinkedHashMap<>(Map.of("ttl", "5m"));
                        cache.put(edit.get2(), edit.get3());
                        tree.put("cache", cache);
                    }
                }
            }
            return confine(tree);
        });
    }

    /** Returns options that build a store of {@code type}, with the shared options. */
    private static Map<String, Object> validStore(String type) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("type", type);
        tree.put("name", type + "-store");
        switch (type) {
            case "env" -> tree.put("variable-prefix", "APP_");
            case "config", "memory" -> tree.put("values", Map.of("db", "value", "team/app", "{\"a\": 1}"));
            case "file" -> {
                tree.put("directory", "files");
                tree.put("store", "valid");
            }
            case "platform" -> {
                tree.put("endpoint", "http://127.0.0.1:1/");
                tree.put("node-token", "token");
                tree.put("request-timeout", "5s");
                tree.put("max-retries", 2);
            }
            default -> {
                tree.put("region", "us-east-1");
                tree.put("api-call-timeout", "2s");
                tree.put("max-attempts", 2);
            }
        }
        tree.put("prefix", "app/");
        tree.put("cache", new LinkedHashMap<>(Map.of("ttl", "5m", "max-entries", 100, "refresh-ahead", "1m",
                "stale-if-error", "1h")));
        return tree;
    }

    private Arbitrary<Map<String, Object>> randomStoreTrees() {
        Arbitrary<Object> type = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(TYPES).map(t -> (Object) t)),
                Tuple.of(1, values(0)));
        Arbitrary<Object> name = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just((Object) null)),
                Tuple.of(3, Arbitraries.of("a", "b", "memory", "env", "x y", "").map(n -> (Object) n)),
                Tuple.of(1, values(0)));
        Arbitrary<Map<String, Object>> options = Arbitraries.maps(
                Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(KEYS)),
                        Tuple.of(1, Arbitraries.strings().ofMaxLength(8))),
                values(2)).ofMaxSize(6);
        return Combinators.combine(type, name, options).as((t, n, o) -> {
            Map<String, Object> tree = new LinkedHashMap<>(o);
            tree.put("type", t);
            if (n != null) {
                tree.put("name", n);
            }
            return confine(tree);
        });
    }

    /** Scalars, lists and maps, nested at most {@code depth} levels. */
    private Arbitrary<Object> values(int depth) {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.of("", " ", "5m", "30s", "1ms", "0s", "-1s", "10y", "PT5M", "P3650D", "1h", "12h",
                        "99999999999d", "5", "-5", "true", "false", "null", "AWSCURRENT", "us-east-1", "eu-west-1",
                        "tenzir/", "/", "../", "a//b", "arn:aws:iam::123456789012:role/r", "\u0000", "\ud800",
                        "x".repeat(600)).map(v -> (Object) v),
                Arbitraries.strings().ofMaxLength(12).map(v -> (Object) v),
                Arbitraries.of(0, 1, -1, 3, 10, 11, 100, 1024, Integer.MAX_VALUE, Integer.MIN_VALUE)
                        .map(v -> (Object) v),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 10_000_000_000L).map(v -> (Object) v),
                Arbitraries.of(0.5, -0.0, 1e300, Double.MAX_VALUE).map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v),
                Arbitraries.just((Object) null));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<Object> lists = values(depth - 1).list().ofMaxSize(3).map(list -> (Object) new ArrayList<>(list));
        Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(KEYS)),
                Tuple.of(1, Arbitraries.of("a", "db", "x y", "a:b"))), values(depth - 1))
                .ofMaxSize(4).map(map -> (Object) new LinkedHashMap<>(map));
        return Arbitraries.frequencyOf(Tuple.of(6, scalars), Tuple.of(1, lists),
                Tuple.of(2, maps));
    }

    /**
     * Rewrites what could reach outside the test: string paths go into the temporary directory,
     * string URLs become loopback or invalid ones, and AWS stores get static keys, so no default
     * credential chain is consulted.
     */
    private static Map<String, Object> confine(Map<String, Object> tree) {
        for (String pathKey : List.of("directory", "key-file", "node-token-file")) {
            if (tree.get(pathKey) instanceof String) {
                String value = (String) tree.get(pathKey);
                tree.put(pathKey, temp.resolve("p" + Integer.toHexString(value.hashCode())).toString());
            }
        }
        for (String urlKey : List.of("endpoint", "sts-endpoint")) {
            if (tree.get(urlKey) instanceof String) {
                tree.put(urlKey, SAFE_URLS.get(Math.floorMod(tree.get(urlKey).hashCode(), SAFE_URLS.size())));
            }
        }
        if ("aws".equals(tree.get("type"))) {
            tree.put("endpoint", "http://127.0.0.1:1/");
            if (tree.containsKey("assumed-role-arn")) {
                tree.put("sts-endpoint", "http://127.0.0.1:1/");
            }
            tree.put("access-key-id", "AKIAPROPERTYTEST0001");
            tree.put("secret-access-key", "property-test-secret-key");
        }
        return tree;
    }
}
