package dev.secrets.internal.cache;

import dev.secrets.SecretException;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreCapabilities;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A backend for cache tests: values by name, a record of every batch it was asked for, the locks
 * the calling thread held at each call, an optional failure for every call, and names whose
 * answer waits for a test to release it.
 */
final class FakeBackend implements SecretResolver {

    private final Map<SecretName, byte[]> values = new ConcurrentHashMap<>();
    private final List<Set<SecretReference>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<String> locksHeldDuringCalls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<SecretException> failure = new AtomicReference<>();
    private final Map<SecretName, CompletableFuture<Void>> heldAnswers = new ConcurrentHashMap<>();
    private final Map<SecretName, CountDownLatch> blockedCallers = new ConcurrentHashMap<>();
    private volatile boolean recordingLocks;

    void put(String name, String value) {
        values.put(SecretName.of(name), value.getBytes(StandardCharsets.UTF_8));
    }

    /** Makes every call fail with {@code value} until {@link #recover()}. */
    void failWith(SecretException value) {
        failure.set(value);
    }

    void recover() {
        failure.set(null);
    }

    /** Answers {@code name} only when the returned future completes; the call itself returns at once. */
    CompletableFuture<Void> holdAnswer(String name) {
        CompletableFuture<Void> release = new CompletableFuture<>();
        heldAnswers.put(SecretName.of(name), release);
        return release;
    }

    /** Blocks the thread that calls for {@code name} until the latch is counted down. */
    CountDownLatch blockCaller(String name) {
        CountDownLatch latch = new CountDownLatch(1);
        blockedCallers.put(SecretName.of(name), latch);
        return latch;
    }

    List<Set<SecretReference>> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    int calls() {
        return batches.size();
    }

    /** Records the locks held by each calling thread from now on; slow, because it dumps the thread. */
    void recordLocks() {
        recordingLocks = true;
    }

    /** Returns a description of each monitor or lock the calling thread held during a recorded call. */
    List<String> locksHeldDuringCalls() {
        synchronized (locksHeldDuringCalls) {
            return List.copyOf(locksHeldDuringCalls);
        }
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        return resolveAll(Set.of(reference)).thenApply(results -> {
            SecretLookup lookup = results.get(reference);
            if (lookup.status() == SecretLookup.Status.FAILED) {
                throw lookup.failure();
            }
            return lookup.isFound() ? Optional.of(lookup.value()) : Optional.empty();
        });
    }

    @Override
    public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        batches.add(Set.copyOf(references));
        if (recordingLocks) {
            recordLocksHeld();
        }
        CompletableFuture<Void> start = CompletableFuture.completedFuture(null);
        for (SecretReference reference : references) {
            CountDownLatch blocked = blockedCallers.get(reference.name());
            if (blocked != null) {
                awaitUninterruptibly(blocked);
            }
            CompletableFuture<Void> held = heldAnswers.get(reference.name());
            if (held != null) {
                start = start.thenCombine(held, (a, b) -> null);
            }
        }
        SecretException failing = failure.get();
        return start.thenApply(ignored -> {
            if (failing != null) {
                throw failing;
            }
            Map<SecretReference, SecretLookup> results = new HashMap<>();
            for (SecretReference reference : references) {
                byte[] value = values.get(reference.name());
                results.put(reference, value == null ? SecretLookup.notFound() : SecretLookup.found(SecretValue.of(value)));
            }
            return results;
        });
    }

    @Override
    public StoreCapabilities capabilities() {
        return StoreCapabilities.READ_ONLY;
    }

    private void recordLocksHeld() {
        long id = Thread.currentThread().getId();
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(new long[] {id}, true, true)[0];
        for (var monitor : info.getLockedMonitors()) {
            locksHeldDuringCalls.add("monitor " + monitor.getClassName() + " at " + monitor.getLockedStackFrame());
        }
        for (var synchronizer : info.getLockedSynchronizers()) {
            locksHeldDuringCalls.add("lock " + synchronizer.getClassName());
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
