package dev.secrets.it.load;

import static dev.secrets.it.support.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Adds, updates, deletes, resolves and lists secrets of one store from several threads at once,
 * and proves that no write was lost.
 *
 * <p>Each thread owns ten names and keeps a model of what it wrote to them. Only that thread
 * writes them, so every operation's outcome is predictable: an add of an absent name succeeds, an
 * add of a present one fails with {@link SecretAlreadyExistsException}, a resolve returns exactly
 * the last value written, and a listing shows exactly the names in the model. All threads also
 * update four shared names and read them back. At the end, every owned name has the model's
 * value, and each shared name has the last value one of the threads wrote to it.
 */
final class MixedWorkload {

    static final int OWN_NAMES = 10;
    static final int SHARED_NAMES = 4;

    private final SecretStore store;
    private final int threads;
    private final int operationsPerThread;

    MixedWorkload(SecretStore store, int threads, int operationsPerThread) {
        this.store = store;
        this.threads = threads;
        this.operationsPerThread = operationsPerThread;
    }

    /** What one run did: operations by kind, over all threads, and the successful shared updates. */
    record Result(Map<String, Long> operations, Map<String, Long> sharedUpdates, long elapsedMillis) {

        long total() {
            return operations.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Runs the workload on {@code executor}, which must run {@link #threads} tasks at once, and
     * verifies the final state.
     */
    Result run(ExecutorService executor, long timeoutSeconds) throws Exception {
        for (int i = 0; i < SHARED_NAMES; i++) {
            await(store.add(shared(i), bytes("initial")));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Worker>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Worker worker = new Worker(t);
            futures.add(executor.submit(() -> {
                start.await();
                worker.run();
                return worker;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        List<Worker> workers = new ArrayList<>();
        for (Future<Worker> future : futures) {
            workers.add(future.get(timeoutSeconds, TimeUnit.SECONDS));
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        verifyFinalState(workers);
        return summarize(workers, elapsed);
    }

    private void verifyFinalState(List<Worker> workers) {
        Set<String> expectedNames = new HashSet<>();
        for (Worker worker : workers) {
            worker.model.forEach((name, value) -> {
                expectedNames.add(name);
                assertEquals(value, read(name).orElse(null), "owned name " + name);
            });
        }
        for (int i = 0; i < SHARED_NAMES; i++) {
            String name = shared(i).value();
            expectedNames.add(name);
            Set<String> lastWrites = new HashSet<>();
            for (Worker worker : workers) {
                Optional.ofNullable(worker.lastSharedWrites.get(name)).ifPresent(lastWrites::add);
            }
            String finalValue = read(name).orElseThrow();
            assertTrue(lastWrites.isEmpty() ? finalValue.equals("initial") : lastWrites.contains(finalValue),
                    name + " has " + finalValue + ", which is no thread's last write " + lastWrites);
        }
        Set<String> listed = new HashSet<>();
        for (SecretMetadata metadata : await(store.list())) {
            listed.add(metadata.name().value());
        }
        assertEquals(expectedNames, listed);
    }

    private Result summarize(List<Worker> workers, long elapsed) {
        Map<String, Long> operations = new TreeMap<>();
        Map<String, Long> sharedUpdates = new TreeMap<>();
        for (Worker worker : workers) {
            worker.counts.forEach((kind, count) -> operations.merge(kind, count, Long::sum));
            worker.sharedUpdates.forEach((name, count) -> sharedUpdates.merge(name, count, Long::sum));
        }
        return new Result(operations, sharedUpdates, elapsed);
    }

    private Optional<String> read(String name) {
        Optional<SecretValue> value = await(store.resolve(SecretReference.parse(name)));
        return value.map(v -> {
            try (v) {
                return v.asString();
            }
        });
    }

    static SecretName shared(int index) {
        return SecretName.of("shared-" + index);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** One thread's operations and its model of the names it owns. */
    private final class Worker {

        private final int id;
        private final Random random;
        private final Map<String, String> model = new HashMap<>();
        private final Map<String, String> lastSharedWrites = new HashMap<>();
        private final Map<String, Long> sharedUpdates = new HashMap<>();
        private final Map<String, Long> counts = new TreeMap<>();
        private long sequence;

        Worker(int id) {
            this.id = id;
            this.random = new Random(id * 7919L);
        }

        void run() {
            for (int i = 0; i < operationsPerThread; i++) {
                int choice = random.nextInt(100);
                if (choice < 50) {
                    writeOwn(SecretName.of("t" + id + "-" + random.nextInt(OWN_NAMES)));
                } else if (choice < 70) {
                    resolveOwn("t" + id + "-" + random.nextInt(OWN_NAMES));
                } else if (choice < 75) {
                    listOwn();
                } else if (choice < 90) {
                    updateShared(shared(random.nextInt(SHARED_NAMES)));
                } else {
                    resolveShared(shared(random.nextInt(SHARED_NAMES)).value());
                }
            }
        }

        private void writeOwn(SecretName name) {
            String current = model.get(name.value());
            String next = "t" + id + "-" + (++sequence);
            int choice = random.nextInt(3);
            if (choice == 0) {
                count("add");
                if (current == null) {
                    await(store.add(name, bytes(next)));
                    model.put(name.value(), next);
                } else {
                    expectFailure(SecretAlreadyExistsException.class, () -> await(store.add(name, bytes(next))));
                }
            } else if (choice == 1) {
                count("update");
                if (current == null) {
                    expectFailure(SecretNotFoundException.class, () -> await(store.update(name, bytes(next))));
                } else {
                    await(store.update(name, bytes(next)));
                    model.put(name.value(), next);
                }
            } else {
                count("delete");
                if (current == null) {
                    expectFailure(SecretNotFoundException.class, () -> await(store.delete(name)));
                } else {
                    await(store.delete(name));
                    model.remove(name.value());
                }
            }
        }

        private void resolveOwn(String name) {
            count("resolve");
            assertEquals(model.get(name), read(name).orElse(null), name);
        }

        private void listOwn() {
            count("list");
            Set<String> mine = new HashSet<>();
            for (SecretMetadata metadata : await(store.list())) {
                if (metadata.name().value().startsWith("t" + id + "-")) {
                    mine.add(metadata.name().value());
                }
            }
            assertEquals(model.keySet(), mine, "names of thread " + id);
        }

        private void updateShared(SecretName name) {
            count("update shared");
            String value = "t" + id + "-shared-" + (++sequence);
            await(store.update(name, bytes(value)));
            lastSharedWrites.put(name.value(), value);
            sharedUpdates.merge(name.value(), 1L, Long::sum);
        }

        private void resolveShared(String name) {
            count("resolve shared");
            String value = read(name).orElseThrow();
            assertTrue(value.equals("initial") || value.matches("t\\d+-shared-\\d+"), value);
        }

        private void count(String kind) {
            counts.merge(kind, 1L, Long::sum);
        }

        private void expectFailure(Class<? extends RuntimeException> type, Runnable action) {
            try {
                action.run();
            } catch (RuntimeException e) {
                assertTrue(type.isInstance(e), "expected " + type.getSimpleName() + " but got " + e);
                return;
            }
            throw new AssertionError("expected " + type.getSimpleName() + " in thread " + id);
        }
    }
}
