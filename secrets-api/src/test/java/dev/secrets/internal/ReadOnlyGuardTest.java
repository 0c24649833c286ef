package dev.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.Failures;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreCapabilities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReadOnlyGuardTest {

    private final CountingStore store = new CountingStore();
    private final SecretStore guard = (SecretStore) ReadOnlyGuard.guard(store, "aws-prod", "aws");

    @Test
    void writesFailBeforeReachingTheStore() {
        List<Function<SecretStore, CompletableFuture<?>>> writes = List.of(
                s -> s.add(SecretName.of("db"), new byte[] {1}),
                s -> s.update(SecretName.of("db"), new byte[] {1}),
                s -> s.delete(SecretName.of("db")));
        List<String> messages = new ArrayList<>();

        for (Function<SecretStore, CompletableFuture<?>> write : writes) {
            CompletionException failure = assertThrows(CompletionException.class, () -> write.apply(guard).join());
            messages.add(assertInstanceOf(ReadOnlySecretStoreException.class, Failures.unwrap(failure)).getMessage());
        }

        assertEquals(List.of(
                "Cannot add secret 'db': store 'aws-prod' (type 'aws') is read-only. Write to a writable store, "
                        + "such as the workspace's built-in store, or manage the secret in the external system.",
                "Cannot update secret 'db': store 'aws-prod' (type 'aws') is read-only. Write to a writable store, "
                        + "such as the workspace's built-in store, or manage the secret in the external system.",
                "Cannot delete secret 'db': store 'aws-prod' (type 'aws') is read-only. Write to a writable store, "
                        + "such as the workspace's built-in store, or manage the secret in the external system."),
                messages);
        assertEquals(List.of(), store.calls);
    }

    @Test
    void readsAndListingPassThrough() {
        Optional<SecretValue> value = guard.resolve(SecretReference.parse("db")).join();
        List<SecretMetadata> listed = guard.list().join();

        assertTrue(value.isPresent());
        assertEquals(1, listed.size());
        assertEquals(List.of("resolve db", "list"), store.calls);
    }

    @Test
    void capabilitiesSayReadOnly() {
        assertFalse(store.capabilities().readOnly());
        assertTrue(guard.capabilities().readOnly());
    }

    @Test
    void plainReadOnlyResolverIsUnchanged() {
        SecretResolver plain = plainResolver(StoreCapabilities.READ_ONLY);

        SecretResolver guarded = ReadOnlyGuard.guard(plain, "env", "env");

        assertSame(plain, guarded);
    }

    @Test
    void plainWritableResolverGetsReadOnlyCapabilities() {
        SecretResolver plain = plainResolver(StoreCapabilities.READ_WRITE);

        SecretResolver guarded = ReadOnlyGuard.guard(plain, "custom", "custom");

        assertFalse(guarded instanceof SecretStore);
        assertTrue(guarded.capabilities().readOnly());
        assertSame(plain, ReadOnlyGuard.unwrap(guarded));
    }

    private static SecretResolver plainResolver(StoreCapabilities capabilities) {
        return new SecretResolver() {
            @Override
            public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
                return CompletableFuture.completedFuture(Optional.empty());
            }

            @Override
            public StoreCapabilities capabilities() {
                return capabilities;
            }
        };
    }

    /** A writable store that records every call and contains one secret, {@code db}. */
    private static final class CountingStore implements SecretStore {

        final List<String> calls = new ArrayList<>();

        @Override
        public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
            calls.add("resolve " + reference);
            return CompletableFuture.completedFuture(Optional.of(SecretValue.ofUtf8("v")));
        }

        @Override
        public StoreCapabilities capabilities() {
            return StoreCapabilities.READ_WRITE;
        }

        @Override
        public CompletableFuture<SecretMetadata> add(SecretName name, byte[] value) {
            calls.add("add " + name);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<SecretMetadata> update(SecretName name, byte[] value) {
            calls.add("update " + name);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> delete(SecretName name) {
            calls.add("delete " + name);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<SecretMetadata>> list() {
            calls.add("list");
            return CompletableFuture.completedFuture(List.of(SecretMetadata.of(SecretName.of("db"), "db",
                    Instant.EPOCH, Instant.EPOCH)));
        }
    }
}
