package dev.secrets.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretResolutionException;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.spi.SecretLookup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolutionChainTest {

    private final MemorySecretStore first = MemorySecretStore.builder().name("first").secret("shared", "from-first").build();
    private final MemorySecretStore second = MemorySecretStore.builder().name("second")
            .secret("shared", "from-second").secret("only-second", "second-value").build();

    private Secrets chain() {
        return Secrets.builder().environment(Map.of()).store("first", first).store("second", second).build();
    }

    @Test
    void firstStoreWins() {
        try (Secrets secrets = chain(); SecretValue value = secrets.resolve("shared")) {

            assertEquals("from-first", value.asString());
            assertEquals("first", value.store().orElseThrow());
            assertEquals(0, second.calls("shared"));
        }
    }

    @Test
    void notFoundFallsThrough() {
        try (Secrets secrets = chain(); SecretValue value = secrets.resolve("only-second")) {

            assertEquals("second-value", value.asString());
            assertEquals("second", value.store().orElseThrow());
            assertEquals(1, first.calls("only-second"));
        }
    }

    @Test
    void deniedStopsLookup() {
        first.failNext(1, new SecretAccessDeniedException("denied for test"));
        try (Secrets secrets = chain()) {

            assertThrows(SecretAccessDeniedException.class, () -> secrets.resolve("only-second"));

            assertEquals(0, second.calls("only-second"), "a lower store answered after a higher one was denied");
        }
    }

    @Test
    void unavailableStopsLookup() {
        first.failNext(1, new SecretStoreUnavailableException("down for test"));
        try (Secrets secrets = chain()) {

            SecretStoreUnavailableException failure = assertThrows(SecretStoreUnavailableException.class,
                    () -> secrets.resolve("only-second"));

            assertTrue(failure.retryable());
            assertEquals(0, second.calls("only-second"));
        }
    }

    @Test
    void notFoundAnywhereNamesEveryStore() {
        try (Secrets secrets = chain()) {

            SecretNotFoundException failure = assertThrows(SecretNotFoundException.class, () -> secrets.resolve("nowhere"));

            assertEquals(List.of("first", "second"), failure.storesConsulted());
            assertEquals("Secret 'nowhere' was not found in any store. Stores consulted, in order: first, second. "
                    + "Check the name, or add the secret to one of these stores.", failure.getMessage());
        }
    }

    @Test
    void jsonFieldsShareOneLookup() {
        MemorySecretStore store = MemorySecretStore.builder().secret("db", "{\"user\":\"admin\",\"password\":\"pw\",\"port\":5432}").build();
        try (Secrets secrets = Secrets.builder().environment(Map.of()).store("memory", store).build()) {
            SecretReference user = SecretReference.parse("db:user");
            SecretReference password = SecretReference.parse("db:password");
            SecretReference port = SecretReference.parse("db:port");

            Map<SecretReference, SecretValue> values = secrets.resolveAll(List.of(user, password, port));

            assertEquals("admin", values.get(user).asString());
            assertEquals("pw", values.get(password).asString());
            assertEquals("5432", values.get(port).asString());
            assertEquals(1, store.calls("db"));
        }
    }

    @Test
    void missingJsonFieldNamesReferenceAndField() {
        MemorySecretStore store = MemorySecretStore.builder().secret("db", "{\"user\":\"admin\"}").secret("plain", "not json").build();
        try (Secrets secrets = Secrets.builder().environment(Map.of()).store("memory", store).build()) {

            SecretFormatException missing = assertThrows(SecretFormatException.class, () -> secrets.resolve("db:password"));
            SecretFormatException notObject = assertThrows(SecretFormatException.class, () -> secrets.resolve("plain:password"));

            assertEquals("Secret 'db' in store 'memory' has no JSON field 'password' (requested as 'db:password'). "
                    + "Check the field name; field names are case-sensitive.", missing.getMessage());
            assertEquals("Cannot select field 'password' of secret 'plain' in store 'memory': its value is not valid JSON. "
                    + "Request 'plain' without a field to read the whole value.", notObject.getMessage());
            assertFalse(notObject.getMessage().contains("not json"), "the message quotes the value");
        }
    }

    @Test
    void binaryExpressionErrorNamesSecrets() {
        MemorySecretStore store = MemorySecretStore.builder().secret("bin", new byte[] {(byte) 0xff, (byte) 0xfe}).build();
        try (Secrets secrets = Secrets.builder().environment(Map.of()).store("memory", store).build();
                dev.secrets.ResolvedSecrets resolved = secrets.resolve(
                        dev.secrets.Secret.literal("Bearer ").concat(dev.secrets.Secret.named("bin")))) {

            SecretFormatException failure = assertThrows(SecretFormatException.class, () -> resolved.get(0).asString());

            assertTrue(failure.getMessage().startsWith("The value of the expression over secrets 'bin' is not valid UTF-8"),
                    failure.getMessage());
        }
    }

    @Test
    void damagedJsonIsNotGuessed() {
        MemorySecretStore store = MemorySecretStore.builder()
                .secret("trailing", "{\"user\":\"u\"} GARBAGE")
                .secret("duplicate", "{\"user\":\"first\",\"user\":\"second\"}")
                .build();
        try (Secrets secrets = Secrets.builder().environment(Map.of()).store("memory", store).build()) {

            SecretFormatException trailing = assertThrows(SecretFormatException.class, () -> secrets.resolve("trailing:user"));
            SecretFormatException duplicate = assertThrows(SecretFormatException.class, () -> secrets.resolve("duplicate:user"));

            assertTrue(trailing.getMessage().contains("its value is not valid JSON"), trailing.getMessage());
            assertTrue(duplicate.getMessage().contains("its value is not valid JSON"), duplicate.getMessage());
        }
    }

    @Test
    void batchWithGapsListsEveryFailure() {
        MemorySecretStore store = MemorySecretStore.builder().secret("a", "1").secret("b", "2").build();
        try (Secrets secrets = Secrets.builder().environment(Map.of()).store("memory", store).build()) {
            List<SecretReference> references = List.of(SecretReference.parse("a"), SecretReference.parse("missing-1"),
                    SecretReference.parse("b"), SecretReference.parse("missing-2"));

            SecretResolutionException failure = assertThrows(SecretResolutionException.class, () -> secrets.resolveAll(references));
            Map<SecretReference, SecretLookup> lookups = secrets.lookupAll(references);

            assertEquals(2, failure.failures().size());
            assertInstanceOf(SecretNotFoundException.class, failure.failures().get(SecretReference.parse("missing-1")));
            assertInstanceOf(SecretNotFoundException.class, failure.failures().get(SecretReference.parse("missing-2")));
            assertEquals("1", lookups.get(SecretReference.parse("a")).value().asString());
            assertEquals("2", lookups.get(SecretReference.parse("b")).value().asString());
            assertEquals(2, store.batchCalls(), "one batch per call of resolveAll and lookupAll");
        }
    }

    @Test
    void closingValueKeepsStoreIntact() {
        try (Secrets secrets = chain()) {
            SecretValue value = secrets.resolve("shared");

            value.close();

            assertThrows(IllegalStateException.class, value::asBytes);
            assertArrayEquals("from-first".getBytes(java.nio.charset.StandardCharsets.UTF_8), secrets.resolve("shared").asBytes());
        }
    }

    @Test
    void callerOwnedStoreNotClosed() {
        Secrets secrets = chain();

        secrets.close();

        assertEquals("from-first", first.resolve(SecretReference.parse("shared")).join().orElseThrow().asString());
        assertThrows(IllegalStateException.class, () -> secrets.resolve("shared"));
    }
}
