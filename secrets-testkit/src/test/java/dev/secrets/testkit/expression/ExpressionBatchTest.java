package dev.secrets.testkit.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.ResolvedSecrets;
import dev.secrets.Secret;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretResolutionException;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreCapabilities;
import dev.secrets.testkit.MemorySecretStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ExpressionBatchTest {

    @Test
    void hundredExpressionsCallStoreOncePerName() {
        MemorySecretStore.Builder builder = MemorySecretStore.builder();
        for (int n = 0; n < 10; n++) {
            builder.secret("name-" + n, "value-" + n);
        }
        MemorySecretStore store = builder.build();
        List<Secret> expressions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Secret first = Secret.named("name-" + i % 10);
            Secret second = Secret.named("name-" + (i * 7 + 3) % 10);
            expressions.add(Secret.format("{}-{}#" + i, first, second.encodeHex()));
        }

        try (Secrets secrets = Secrets.builder().environment(Map.of()).store("memory", store).build();
             ResolvedSecrets resolved = secrets.resolve(expressions)) {

            for (int n = 0; n < 10; n++) {
                assertEquals(1, store.calls("name-" + n), "calls for name-" + n);
            }
            assertEquals(10, store.totalCalls());
            assertEquals(1, store.batchCalls(), "one batch for the whole chain of one store");
            assertEquals(100, resolved.size());
            assertEquals("value-7-" + hex("value-2") + "#17", resolved.get(17).asString());
        }
    }

    @Test
    void batchWithGapsListsEveryFailure() {
        MemorySecretStore store = MemorySecretStore.builder().name("memory").build();
        List<String> present = List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7");
        present.forEach(name -> store.put(name, "v-" + name));
        DenyingResolver restricted = new DenyingResolver(Set.of(SecretReference.parse("denied")));
        List<String> all = List.of("p1", "missing-a", "p2", "p3", "denied", "p4", "p5", "missing-b", "p6", "p7");
        List<Secret> expressions = new ArrayList<>();
        all.forEach(name -> expressions.add(Secret.literal("x-").concat(Secret.named(name))));

        try (Secrets secrets = Secrets.builder().environment(Map.of())
                .store("memory", store).store("restricted", restricted).build()) {
            SecretResolutionException failure = assertThrows(SecretResolutionException.class,
                    () -> secrets.resolve(expressions));

            assertEquals(Set.of(SecretReference.parse("missing-a"), SecretReference.parse("missing-b"),
                    SecretReference.parse("denied")), failure.failures().keySet());
            SecretNotFoundException missingA = assertInstanceOf(SecretNotFoundException.class,
                    failure.failures().get(SecretReference.parse("missing-a")));
            assertInstanceOf(SecretNotFoundException.class, failure.failures().get(SecretReference.parse("missing-b")));
            SecretAccessDeniedException denied = assertInstanceOf(SecretAccessDeniedException.class,
                    failure.failures().get(SecretReference.parse("denied")));
            assertEquals(2, missingA.storesConsulted().size(), "both stores were asked for a missing name");
            assertTrue(missingA.getMessage().contains("'missing-a'"), missingA.getMessage());
            assertEquals("Access to 'denied' is denied for this test.", denied.getMessage());
            assertTrue(failure.getMessage().startsWith("3 secret references could not be resolved:"), failure.getMessage());
            for (String name : all) {
                assertEquals(1, store.calls(name), "every reference was tried once: " + name);
            }
        }
        try (Secrets secrets = Secrets.builder().environment(Map.of())
                .store("memory", store).store("restricted", restricted).build();
             ResolvedSecrets seven = secrets.resolve(expressions.stream()
                     .filter(expression -> present.contains(expression.names().iterator().next().toString())).toList())) {
            assertEquals(7, seven.size());
            for (int i = 0; i < 7; i++) {
                assertEquals("x-v-" + present.get(i), seven.get(i).asString());
            }
        }
    }

    @Test
    void binarySecretRoundTripsThroughEveryCodec() {
        byte[] key = {0, 0, (byte) 0xff, (byte) 0x80, 0x7f, 0x00, (byte) 0xc3};
        MemorySecretStore store = MemorySecretStore.builder().secret("signing-key", key).build();
        Secret named = Secret.named("signing-key");
        List<Secret> roundTrips = List.of(
                Secret.named("base64-of-key").decodeBase64(),
                named.encodeBase64Url().decodeBase64Url(),
                named.encodeHex(),
                named.encodeUrl(),
                named.encodeBase58());
        store.put("base64-of-key", Base64.getEncoder().encodeToString(key));

        try (Secrets secrets = Secrets.builder().environment(Map.of()).store("memory", store).build();
             ResolvedSecrets resolved = secrets.resolve(roundTrips)) {

            assertArrayEquals(key, resolved.get(0).asBytes());
            assertArrayEquals(key, resolved.get(1).asBytes());
            assertEquals("0000ff807f00c3", resolved.get(2).asString());
            assertEquals("%00%00%FF%80%7F%00%C3", resolved.get(3).asString());
            assertEquals("11" + base58WithoutLeadingZeros(), resolved.get(4).asString());
        }
    }

    private static String hex(String text) {
        StringBuilder hex = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** Base58 of 0xff807f00c3, computed with BigInteger. */
    private static String base58WithoutLeadingZeros() {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        BigInteger number = new BigInteger("ff807f00c3", 16);
        StringBuilder digits = new StringBuilder();
        while (number.signum() > 0) {
            digits.append(alphabet.charAt(number.mod(BigInteger.valueOf(58)).intValue()));
            number = number.divide(BigInteger.valueOf(58));
        }
        return digits.reverse().toString();
    }

    /**
     * A store that denies access to some references and has none of the others, like a backend
     * whose policy hides a few secrets from this identity.
     */
    private static final class DenyingResolver implements SecretResolver {

        private final Set<SecretReference> denied;

        DenyingResolver(Set<SecretReference> denied) {
            this.denied = Set.copyOf(denied);
        }

        @Override
        public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
            if (denied.contains(reference)) {
                return CompletableFuture.failedFuture(deny(reference));
            }
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
            Map<SecretReference, SecretLookup> results = new HashMap<>();
            for (SecretReference reference : references) {
                results.put(reference, denied.contains(reference) ? SecretLookup.failed(deny(reference)) : SecretLookup.notFound());
            }
            return CompletableFuture.completedFuture(results);
        }

        @Override
        public StoreCapabilities capabilities() {
            return StoreCapabilities.READ_ONLY;
        }

        private static SecretAccessDeniedException deny(SecretReference reference) {
            return new SecretAccessDeniedException("Access to '" + reference + "' is denied for this test.");
        }
    }
}
