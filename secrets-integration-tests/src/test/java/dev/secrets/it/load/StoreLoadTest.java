package dev.secrets.it.load;

import static dev.secrets.it.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretReference;
import dev.secrets.testkit.MemorySecretStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads run mixed operations on overlapping names of one {@code memory} or {@code file}
 * store; {@link MixedWorkload} checks every result against each thread's model and the final state
 * exactly. Each test prints what it did and how long it took, for docs/reliability.md.
 */
class StoreLoadTest {

    static final int THREADS = 8;
    static final int MEMORY_OPERATIONS_PER_THREAD = 10_000;

    /**
     * Every file store write takes the lock, rewrites the whole encrypted file and fsyncs it and
     * its directory, and the threads' writes run one at a time. 10,000 operations per thread took
     * 40 seconds on an idle two-core machine and can take three times as long when the machine is
     * busy, so the build runs 1,000. Set the system property {@code secrets.it.fileOperations}
     * (for example {@code -Dsecrets.it.fileOperations=10000}) to run more.
     */
    static final int FILE_OPERATIONS_PER_THREAD = Integer.getInteger("secrets.it.fileOperations", 1_000);

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void memoryStoreLosesNoUpdate() throws Exception {
        MemorySecretStore store = MemorySecretStore.builder().build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            MixedWorkload workload = new MixedWorkload(store, THREADS, MEMORY_OPERATIONS_PER_THREAD);

            MixedWorkload.Result result = workload.run(pool, 100);

            assertEquals((long) THREADS * MEMORY_OPERATIONS_PER_THREAD, result.total());
            assertEveryUpdateIsAVersion(store, result.sharedUpdates());
            report("memory store, " + THREADS + " platform threads", result);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void fileStoreLosesNoUpdate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            MixedWorkload.Result result = new MixedWorkload(store, THREADS, FILE_OPERATIONS_PER_THREAD).run(pool, 290);

            assertEquals((long) THREADS * FILE_OPERATIONS_PER_THREAD, result.total());
            report("file store, " + THREADS + " platform threads", result);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The memory store keeps every version, so the number of versions of a shared name shows
     * whether an update was lost, which the last value alone cannot.
     */
    static void assertEveryUpdateIsAVersion(MemorySecretStore store, Map<String, Long> sharedUpdates) {
        assertEquals(MixedWorkload.SHARED_NAMES, sharedUpdates.size());
        sharedUpdates.forEach((name, updates) -> {
            long versions = 1 + updates;
            SecretReference reference = SecretReference.parse(name);
            assertTrue(await(store.resolve(reference.withVersionId("v" + versions))).isPresent(),
                    name + " lacks version " + versions);
            assertTrue(await(store.resolve(reference.withVersionId("v" + (versions + 1)))).isEmpty(),
                    name + " has more than " + versions + " versions");
        });
    }

    static void report(String what, MixedWorkload.Result result) {
        System.out.println("LOAD " + what + ": " + result.total() + " operations in " + result.elapsedMillis()
                + " ms, by kind " + result.operations() + ", shared updates " + result.sharedUpdates());
    }
}
