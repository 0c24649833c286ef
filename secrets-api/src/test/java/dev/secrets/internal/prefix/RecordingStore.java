package dev.secrets.internal.prefix;

import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreCapabilities;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** A writable store for prefix tests that records every name it was asked for or written to. */
final class RecordingStore implements SecretStore {

    private final Map<SecretName, byte[]> values = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    void put(String name, String value) {
        values.put(SecretName.of(name), value.getBytes(StandardCharsets.UTF_8));
    }

    Optional<String> value(String name) {
        byte[] value = values.get(SecretName.of(name));
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    /** Returns every request as {@code operation name}, such as {@code read tenzir/db}. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        requests.add("read " + reference.name());
        byte[] value = values.get(reference.name());
        return CompletableFuture.completedFuture(value == null ? Optional.empty() : Optional.of(SecretValue.of(value)));
    }

    @Override
    public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        requests.add("batch " + new java.util.TreeSet<>(references.stream().map(r -> r.name().value()).toList()));
        Map<SecretReference, SecretLookup> results = new HashMap<>();
        for (SecretReference reference : references) {
            byte[] value = values.get(reference.name());
            results.put(reference, value == null ? SecretLookup.notFound() : SecretLookup.found(SecretValue.of(value)));
        }
        return CompletableFuture.completedFuture(results);
    }

    @Override
    public StoreCapabilities capabilities() {
        return StoreCapabilities.READ_WRITE;
    }

    @Override
    public CompletableFuture<SecretMetadata> add(SecretName name, byte[] value) {
        requests.add("add " + name);
        values.put(name, value.clone());
        return CompletableFuture.completedFuture(metadata(name));
    }

    @Override
    public CompletableFuture<SecretMetadata> update(SecretName name, byte[] value) {
        requests.add("update " + name);
        values.put(name, value.clone());
        return CompletableFuture.completedFuture(metadata(name));
    }

    @Override
    public CompletableFuture<Void> delete(SecretName name) {
        requests.add("delete " + name);
        values.remove(name);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<SecretMetadata>> list() {
        requests.add("list");
        List<SecretMetadata> all = new ArrayList<>();
        synchronized (values) {
            values.keySet().forEach(name -> all.add(metadata(name)));
        }
        return CompletableFuture.completedFuture(all);
    }

    /** Metadata whose id is the name, as in stores without ids of their own. */
    private static SecretMetadata metadata(SecretName name) {
        return SecretMetadata.of(name, name.value(), Instant.EPOCH, Instant.EPOCH);
    }
}
