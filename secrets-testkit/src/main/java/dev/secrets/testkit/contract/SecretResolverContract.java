package dev.secrets.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SecretResolver} keeps. A store implementation's test extends this
 * class and implements the factory that creates a store containing given secrets.
 *
 * <pre>{@code
 * class MyStoreTest extends SecretResolverContract {
 *     protected SecretResolver createResolver(Map<String, byte[]> secrets) {
 *         return new MyStore(secrets);
 *     }
 * }
 * }</pre>
 */
public abstract class SecretResolverContract {

    /** Names that exercise every allowed character, repeated slashes and the maximum length. */
    protected static final List<String> TRICKY_NAMES = List.of(
            "team/app/db",
            "a//b",
            "x+y=z.w@v-u",
            "UPPER_and_lower",
            "0123456789",
            "/leading-slash",
            "trailing.",
            "n".repeat(SecretName.MAX_LENGTH));

    /** Creates a store that contains exactly {@code secrets}. Each test closes what it creates. */
    protected abstract SecretResolver createResolver(Map<String, byte[]> secrets);

    /**
     * Returns whether this store can hold a secret called {@code name}. By default, every valid
     * name. Stores with a lossy name mapping, such as environment variables, override it.
     */
    protected boolean supportsName(String name) {
        return true;
    }

    /**
     * Returns whether this store keeps arbitrary bytes. By default, true. Stores of text, such as
     * environment variables, override it, and the tests then use UTF-8 text.
     */
    protected boolean supportsBinaryValues() {
        return true;
    }

    @Test
    void resolveReturnsStoredBytes() throws Exception {
        byte[] value = supportsBinaryValues()
                ? new byte[] {0, 1, 2, (byte) 0xff, 'a'}
                : "non-ASCII text: \u00e4\u00f6\u00fc \u20ac".getBytes(StandardCharsets.UTF_8);
        try (SecretResolver resolver = createResolver(Map.of("geheim", value))) {

            Optional<SecretValue> result = resolver.resolve(reference("geheim")).get(10, TimeUnit.SECONDS);

            assertTrue(result.isPresent(), "stored secret was not found");
            assertArrayEquals(value, result.get().asBytes());
        }
    }

    @Test
    void resolveMissingNameIsEmpty() throws Exception {
        try (SecretResolver resolver = createResolver(Map.of("geheim", bytes("v")))) {

            Optional<SecretValue> result = resolver.resolve(reference("other")).get(10, TimeUnit.SECONDS);

            assertFalse(result.isPresent(), "a missing secret must be an empty result, not a value");
        }
    }

    @Test
    void resolvedValueRendersRedacted() throws Exception {
        try (SecretResolver resolver = createResolver(Map.of("geheim", bytes("canary-value-1")))) {

            SecretValue value = resolver.resolve(reference("geheim")).get(10, TimeUnit.SECONDS).orElseThrow();

            assertEquals("***", value.toString());
            assertFalse(resolver.toString().contains("canary-value-1"), "store toString shows a value");
        }
    }

    @Test
    void resolveAllReportsEachReference() throws Exception {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("one", bytes("1"));
        secrets.put("three", bytes("3"));
        try (SecretResolver resolver = createResolver(secrets)) {
            Set<SecretReference> references = Set.of(reference("one"), reference("two"), reference("three"));

            Map<SecretReference, SecretLookup> results = resolver.resolveAll(references).get(10, TimeUnit.SECONDS);

            assertEquals(references, results.keySet());
            assertEquals("1", results.get(reference("one")).value().asString());
            assertEquals(SecretLookup.Status.NOT_FOUND, results.get(reference("two")).status());
            assertEquals("3", results.get(reference("three")).value().asString());
        }
    }

    @Test
    void trickyNamesResolveAsWritten() throws Exception {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (String name : TRICKY_NAMES) {
            if (supportsName(name)) {
                secrets.put(name, bytes("value of " + name.length()));
            }
        }
        try (SecretResolver resolver = createResolver(secrets)) {
            for (String name : secrets.keySet()) {

                Optional<SecretValue> result = resolver.resolve(reference(name)).get(10, TimeUnit.SECONDS);

                assertTrue(result.isPresent(), "not found: " + name);
                assertEquals("value of " + name.length(), result.get().asString(), "wrong value for " + name);
            }
        }
    }

    @Test
    void concurrentReadsAllSucceed() throws Exception {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            secrets.put("secret-" + i, bytes("value-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SecretResolver resolver = createResolver(secrets)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                int offset = task;
                results.add(pool.submit(() -> readRepeatedly(resolver, offset)));
            }

            for (Future<Boolean> result : results) {
                assertTrue(result.get(60, TimeUnit.SECONDS), "a concurrent read returned a wrong value");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedStoreReturnsNoValue() {
        SecretResolver resolver = createResolver(Map.of("geheim", bytes("v")));
        resolver.close();

        Throwable failure = assertThrows(Throwable.class, () -> resolver.resolve(reference("geheim")).get(10, TimeUnit.SECONDS));

        Throwable cause = failure instanceof java.util.concurrent.ExecutionException ? failure.getCause() : failure;
        assertTrue(cause instanceof IllegalStateException || cause instanceof dev.secrets.SecretException,
                "a closed store must fail with IllegalStateException or a SecretException, got " + failure);
    }

    private static boolean readRepeatedly(SecretResolver resolver, int offset) throws Exception {
        for (int round = 0; round < 200; round++) {
            int index = (offset + round) % 16;
            CompletableFuture<Optional<SecretValue>> future = resolver.resolve(reference("secret-" + index));
            Optional<SecretValue> value = future.get(10, TimeUnit.SECONDS);
            if (value.isEmpty() || !value.get().asString().equals("value-" + index)) {
                return false;
            }
        }
        return true;
    }

    protected static SecretReference reference(String name) {
        return SecretReference.of(SecretName.of(name));
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
