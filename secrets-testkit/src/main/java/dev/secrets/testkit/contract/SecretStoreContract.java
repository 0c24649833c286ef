package dev.secrets.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every writable {@link SecretStore} keeps, on top of {@link SecretResolverContract}.
 */
public abstract class SecretStoreContract extends SecretResolverContract {

    /** Creates a writable store that contains exactly {@code secrets}. */
    protected abstract SecretStore createStore(Map<String, byte[]> secrets);

    @Override
    protected final SecretResolver createResolver(Map<String, byte[]> secrets) {
        return createStore(secrets);
    }

    @Test
    void addThenResolve() throws Exception {
        try (SecretStore store = createStore(Map.of())) {

            SecretMetadata metadata = store.add(SecretName.of("new"), bytes("fresh")).get(10, TimeUnit.SECONDS);

            assertEquals("new", metadata.name().value());
            assertEquals("fresh", store.resolve(reference("new")).get(10, TimeUnit.SECONDS).orElseThrow().asString());
        }
    }

    @Test
    void addExistingNameFails() {
        try (SecretStore store = createStore(Map.of("taken", bytes("v")))) {

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> store.add(SecretName.of("taken"), bytes("other")).get(10, TimeUnit.SECONDS));

            assertInstanceOf(SecretAlreadyExistsException.class, failure.getCause());
        }
    }

    @Test
    void updateReplacesValue() throws Exception {
        try (SecretStore store = createStore(Map.of("key", bytes("old")))) {

            store.update(SecretName.of("key"), bytes("new")).get(10, TimeUnit.SECONDS);

            assertEquals("new", store.resolve(reference("key")).get(10, TimeUnit.SECONDS).orElseThrow().asString());
        }
    }

    @Test
    void updateMissingNameFails() {
        try (SecretStore store = createStore(Map.of())) {

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> store.update(SecretName.of("missing"), bytes("v")).get(10, TimeUnit.SECONDS));

            assertInstanceOf(SecretNotFoundException.class, failure.getCause());
        }
    }

    @Test
    void deleteRemovesSecret() throws Exception {
        try (SecretStore store = createStore(Map.of("gone", bytes("v")))) {

            store.delete(SecretName.of("gone")).get(10, TimeUnit.SECONDS);

            assertFalse(store.resolve(reference("gone")).get(10, TimeUnit.SECONDS).isPresent());
        }
    }

    @Test
    void deleteMissingNameFails() {
        try (SecretStore store = createStore(Map.of())) {

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> store.delete(SecretName.of("missing")).get(10, TimeUnit.SECONDS));

            assertInstanceOf(SecretNotFoundException.class, failure.getCause());
        }
    }

    @Test
    void listShowsNamesSorted() throws Exception {
        try (SecretStore store = createStore(Map.of("b", bytes("2"), "a", bytes("1")))) {

            List<SecretMetadata> listed = store.list().get(10, TimeUnit.SECONDS);

            assertEquals(List.of("a", "b"), listed.stream().map(m -> m.name().value()).toList());
            assertTrue(listed.stream().allMatch(m -> !m.id().isEmpty()), "every secret needs an id");
        }
    }

    @Test
    void oversizedValueRejectedWithLimit() {
        try (SecretStore store = createStore(Map.of())) {
            byte[] tooLarge = new byte[SecretValue.MAX_SIZE + 1];

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> store.add(SecretName.of("big"), tooLarge).get(10, TimeUnit.SECONDS));

            assertInstanceOf(SecretFormatException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains(String.valueOf(SecretValue.MAX_SIZE)),
                    "message must name the limit: " + failure.getCause().getMessage());
        }
    }

    @Test
    void maximumSizeValueAccepted() throws Exception {
        try (SecretStore store = createStore(Map.of())) {
            byte[] largest = new byte[SecretValue.MAX_SIZE];

            store.add(SecretName.of("big"), largest).get(10, TimeUnit.SECONDS);

            assertEquals(SecretValue.MAX_SIZE, store.resolve(reference("big")).get(10, TimeUnit.SECONDS).orElseThrow().size());
        }
    }
}
