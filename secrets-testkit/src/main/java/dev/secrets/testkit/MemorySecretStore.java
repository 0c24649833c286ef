package dev.secrets.testkit;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreCapabilities;
import dev.secrets.spi.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory {@link SecretStore} for tests: thread-safe, writable or read-only, versioned, with
 * call counts per reference and fault injection.
 *
 * <pre>{@code
 * MemorySecretStore store = MemorySecretStore.builder().secret("geheim", "value").build();
 * try (Secrets secrets = Secrets.builder().store("memory", store).build()) {
 *     secrets.resolve("geheim");
 * }
 * assertEquals(1, store.calls("geheim"));
 * }</pre>
 *
 * <p>Every update adds a version: the newest has stage {@code AWSCURRENT}, the one before it
 * {@code AWSPREVIOUS}, and version ids are {@code v1}, {@code v2}, and so on. Reads never hold a
 * monitor while they wait for injected latency or a {@link Gate}.
 */
public final class MemorySecretStore implements SecretStore {

    /** The stage of the newest version. */
    public static final String CURRENT = "AWSCURRENT";

    /** The stage of the version before the newest. */
    public static final String PREVIOUS = "AWSPREVIOUS";

    private final String name;
    private final boolean readOnly;
    private final TimeSource timeSource;
    private final ConcurrentHashMap<SecretName, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SecretReference, AtomicLong> callsByReference = new ConcurrentHashMap<>();
    private final AtomicLong batchCalls = new AtomicLong();
    private final AtomicLong idSequence = new AtomicLong();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicReference<SecretException> injectedFailure = new AtomicReference<>();
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Gate> gate = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private MemorySecretStore(Builder builder) {
        this.name = builder.name;
        this.readOnly = builder.readOnly;
        this.timeSource = builder.timeSource;
        builder.secrets.forEach(this::put);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Stores {@code value} under {@code secretName} as a new version, whether or not the store is
     * read-only. For test setup; it is not counted as a call.
     */
    public void put(String secretName, byte[] value) {
        SecretName key = SecretName.of(secretName);
        byte[] copy = value.clone();
        Instant now = timeSource.now();
        entries.compute(key, (k, existing) -> existing == null
                ? Entry.first(nextId(), copy, now)
                : existing.withNewVersion(copy, now));
    }

    /** Stores the UTF-8 bytes of {@code value}, as {@link #put(String, byte[])}. */
    public void put(String secretName, String value) {
        put(secretName, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes a secret without counting a call. Returns whether it existed. */
    public boolean remove(String secretName) {
        return entries.remove(SecretName.of(secretName)) != null;
    }

    /** Makes the next {@code count} reads (single or batch) fail with {@code failure}. */
    public void failNext(int count, SecretException failure) {
        Objects.requireNonNull(failure, "failure");
        if (count < 0) {
            throw new IllegalArgumentException("count must be zero or more, was " + count);
        }
        injectedFailure.set(failure);
        failuresLeft.set(count);
    }

    /** Delays every read by {@code delay} of real time, without blocking a thread. */
    public void latency(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        latency.set(delay);
    }

    /**
     * Holds every read from now on until the returned gate is released, so a test can start many
     * concurrent reads and let them finish at a moment it chooses.
     */
    public Gate holdReads() {
        Gate newGate = new Gate();
        gate.set(newGate);
        return newGate;
    }

    /** Returns how often {@code reference} was asked for, through single and batch reads. */
    public long calls(SecretReference reference) {
        AtomicLong count = callsByReference.get(reference);
        return count == null ? 0 : count.get();
    }

    /** Returns how often the whole value of {@code secretName} was asked for. */
    public long calls(String secretName) {
        return calls(SecretReference.of(SecretName.of(secretName)));
    }

    /** Returns the number of reads of all references together. */
    public long totalCalls() {
        return callsByReference.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Returns the number of {@link #resolveAll} calls. */
    public long batchCalls() {
        return batchCalls.get();
    }

    /** Resets every call count. */
    public void resetCalls() {
        callsByReference.clear();
        batchCalls.set(0);
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        Objects.requireNonNull(reference, "reference");
        checkOpen();
        count(reference);
        SecretException failure = takeInjectedFailure();
        return delayed().thenApply(ignored -> {
            if (failure != null) {
                throw failure;
            }
            return read(reference);
        });
    }

    @Override
    public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        Objects.requireNonNull(references, "references");
        checkOpen();
        batchCalls.incrementAndGet();
        references.forEach(this::count);
        SecretException failure = takeInjectedFailure();
        return delayed().thenApply(ignored -> {
            if (failure != null) {
                throw failure;
            }
            Map<SecretReference, SecretLookup> results = new HashMap<>();
            for (SecretReference reference : references) {
                results.put(reference, SecretLookup.of(read(reference)));
            }
            return results;
        });
    }

    @Override
    public StoreCapabilities capabilities() {
        return new StoreCapabilities(readOnly, Integer.MAX_VALUE, true);
    }

    @Override
    public CompletableFuture<SecretMetadata> add(SecretName secretName, byte[] value) {
        return write("add", secretName, value, () -> {
            Instant now = timeSource.now();
            byte[] copy = value.clone();
            AtomicBoolean existed = new AtomicBoolean();
            Entry entry = entries.compute(secretName, (k, existing) -> {
                if (existing != null) {
                    existed.set(true);
                    return existing;
                }
                return Entry.first(nextId(), copy, now);
            });
            if (existed.get()) {
                throw new SecretAlreadyExistsException("Secret '" + secretName + "' already exists in store '" + name
                        + "'. Use update to change its value.");
            }
            return entry.metadata(secretName);
        });
    }

    @Override
    public CompletableFuture<SecretMetadata> update(SecretName secretName, byte[] value) {
        return write("update", secretName, value, () -> {
            Instant now = timeSource.now();
            byte[] copy = value.clone();
            Entry entry = entries.computeIfPresent(secretName, (k, existing) -> existing.withNewVersion(copy, now));
            if (entry == null) {
                throw notFound(secretName);
            }
            return entry.metadata(secretName);
        });
    }

    @Override
    public CompletableFuture<Void> delete(SecretName secretName) {
        return write("delete", secretName, null, () -> {
            if (entries.remove(secretName) == null) {
                throw notFound(secretName);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<List<SecretMetadata>> list() {
        checkOpen();
        List<SecretMetadata> result = new ArrayList<>();
        entries.forEach((key, entry) -> result.add(entry.metadata(key)));
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return CompletableFuture.completedFuture(List.copyOf(result));
    }

    /** Marks the store closed: later reads and writes fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        closed.set(true);
    }

    /** Returns the store's name and size; never names or values of secrets. */
    @Override
    public String toString() {
        return "MemorySecretStore[name=" + name + ", secrets=" + entries.size() + (readOnly ? ", read-only" : "") + "]";
    }

    private <T> CompletableFuture<T> write(String operation, SecretName secretName, byte[] value,
            java.util.function.Supplier<T> action) {
        Objects.requireNonNull(secretName, "name");
        checkOpen();
        if (readOnly) {
            return CompletableFuture.failedFuture(new ReadOnlySecretStoreException("Cannot " + operation + " secret '"
                    + secretName + "': memory store '" + name + "' is read-only."));
        }
        if (value != null && value.length > SecretValue.MAX_SIZE) {
            return CompletableFuture.failedFuture(new SecretFormatException("Cannot " + operation + " secret '"
                    + secretName + "': the value has " + value.length + " bytes, the maximum is "
                    + SecretValue.MAX_SIZE + " bytes."));
        }
        try {
            return CompletableFuture.completedFuture(action.get());
        } catch (SecretException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Optional<SecretValue> read(SecretReference reference) {
        Entry entry = entries.get(reference.name());
        if (entry == null) {
            return Optional.empty();
        }
        return entry.find(reference).map(version -> SecretValue.of(version.bytes));
    }

    private CompletableFuture<Void> delayed() {
        CompletableFuture<Void> start = CompletableFuture.completedFuture(null);
        Gate current = gate.get();
        if (current != null) {
            start = current.opened;
        }
        Duration delay = latency.get();
        if (delay.isZero()) {
            return start;
        }
        return start.thenCompose(ignored -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)));
    }

    private SecretException takeInjectedFailure() {
        while (true) {
            int left = failuresLeft.get();
            if (left <= 0) {
                return null;
            }
            if (failuresLeft.compareAndSet(left, left - 1)) {
                return injectedFailure.get();
            }
        }
    }

    private void count(SecretReference reference) {
        callsByReference.computeIfAbsent(reference, r -> new AtomicLong()).incrementAndGet();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Memory store '" + name + "' is closed.");
        }
    }

    private String nextId() {
        return "mem-" + idSequence.incrementAndGet();
    }

    private SecretNotFoundException notFound(SecretName secretName) {
        return new SecretNotFoundException("Secret '" + secretName + "' does not exist in memory store '" + name + "'.");
    }

    /** Releases reads held by {@link #holdReads()}. */
    public static final class Gate {

        private final CompletableFuture<Void> opened = new CompletableFuture<>();

        /** Lets every held read, and every later one through this gate, proceed. */
        public void release() {
            opened.complete(null);
        }
    }

    private static final class Version {

        final String id;
        final byte[] bytes;

        Version(String id, byte[] bytes) {
            this.id = id;
            this.bytes = bytes;
        }
    }

    /** One secret: immutable; every write replaces the entry. */
    private static final class Entry {

        final String id;
        final List<Version> versions;
        final Instant createdAt;
        final Instant updatedAt;

        Entry(String id, List<Version> versions, Instant createdAt, Instant updatedAt) {
            this.id = id;
            this.versions = versions;
            this.createdAt = createdAt;
            this.updatedAt = updatedAt;
        }

        static Entry first(String id, byte[] bytes, Instant now) {
            return new Entry(id, List.of(new Version("v1", bytes)), now, now);
        }

        Entry withNewVersion(byte[] bytes, Instant now) {
            List<Version> next = new ArrayList<>(versions);
            next.add(new Version("v" + (versions.size() + 1), bytes));
            return new Entry(id, List.copyOf(next), createdAt, now);
        }

        Optional<Version> find(SecretReference reference) {
            if (reference.versionId().isPresent()) {
                String wanted = reference.versionId().get();
                return versions.stream().filter(v -> v.id.equals(wanted)).findFirst();
            }
            String stage = reference.versionStage().orElse(CURRENT);
            if (CURRENT.equals(stage)) {
                return Optional.of(versions.get(versions.size() - 1));
            }
            if (PREVIOUS.equals(stage) && versions.size() > 1) {
                return Optional.of(versions.get(versions.size() - 2));
            }
            return Optional.empty();
        }

        SecretMetadata metadata(SecretName secretName) {
            return SecretMetadata.of(secretName, id, createdAt, updatedAt);
        }
    }

    /** Builds a {@link MemorySecretStore}. */
    public static final class Builder {

        private String name = "memory";
        private boolean readOnly;
        private TimeSource timeSource = TimeSource.system();
        private final Map<String, byte[]> secrets = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        /** Sets the store's name, shown in messages. By default, {@code memory}. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Makes writes fail with {@link ReadOnlySecretStoreException}. By default, writable. */
        public Builder readOnly(boolean value) {
            this.readOnly = value;
            return this;
        }

        /** Sets the clock for timestamps. By default, {@link TimeSource#system()}. */
        public Builder timeSource(TimeSource value) {
            this.timeSource = Objects.requireNonNull(value, "timeSource");
            return this;
        }

        /** Adds a secret with a UTF-8 value. */
        public Builder secret(String secretName, String value) {
            return secret(secretName, value.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds a secret with a binary value. */
        public Builder secret(String secretName, byte[] value) {
            SecretName.of(secretName);
            secrets.put(secretName, value.clone());
            return this;
        }

        public MemorySecretStore build() {
            return new MemorySecretStore(this);
        }
    }
}
