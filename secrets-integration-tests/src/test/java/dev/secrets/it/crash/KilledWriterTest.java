package dev.secrets.it.crash;

import static dev.secrets.it.support.Await.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process again and again, at a different point of its write each time, while a
 * reader in this JVM reads the same file store without pause. The file store's own tests kill one
 * writer once; this adds the concurrent reader and the repetition. Every read must see a whole
 * committed value, never an error, and after each kill the store contains at least every write the
 * writer reported.
 */
class KilledWriterTest {

    private static final int KILLS = 8;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void writerKilledRepeatedlyLeavesEveryCommittedWrite() throws Exception {
        try (FileSecretStore setup = FileSecretStore.builder().directory(directory).build()) {
            await(setup.add(CounterWriter.COUNTER, CounterWriter.value(0)));
            await(setup.add(CounterWriter.TWIN, CounterWriter.value(0)));
            await(setup.add(SecretName.of("kept"), "kept-value".getBytes(UTF_8)));
        }
        List<Throwable> readFailures = new CopyOnWriteArrayList<>();
        AtomicLong reads = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> readUntilStopped(stop, reads, readFailures), "store-reader");
        reader.start();
        Random random = new Random(42);
        long next = 1;
        long commits = 0;
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                long lastReported = runAndKill(next, 2 + random.nextInt(10));
                long stored = verifyStore(lastReported);
                commits += stored - next + 1;
                next = stored + 1;
            }
        } finally {
            stop.set(true);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertEquals(List.of(), readFailures);
        assertTrue(reads.get() > 0, "the reader read nothing");
        System.out.println("CRASH writer killed " + KILLS + " times after " + commits + " committed counter "
                + "writes; " + reads.get() + " concurrent reads, all complete");
    }

    /**
     * Starts a writer at counter {@code first}, kills it once it reported {@code commits} counters,
     * and returns the last counter it reported.
     */
    private long runAndKill(long first, int commits) throws Exception {
        Process writer = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                CounterWriter.class.getName(), directory.toString(), Long.toString(first))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), UTF_8));
            String line = null;
            for (int i = 0; i < commits; i++) {
                line = out.readLine();
                assertNotNull(line, "the writer stopped before it was killed");
            }
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            return Long.parseLong(line);
        } finally {
            writer.destroyForcibly();
        }
    }

    /** Checks the store after a kill and returns the counter it contains. */
    private long verifyStore(long lastReported) {
        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            byte[] counter = read(store, "counter");
            byte[] twin = read(store, "twin");
            long stored = CounterWriter.counterOf(counter);
            long storedTwin = CounterWriter.counterOf(twin);

            assertArrayEquals(CounterWriter.value(stored), counter);
            assertArrayEquals(CounterWriter.value(storedTwin), twin);
            assertTrue(stored >= lastReported, "stored " + stored + " < reported " + lastReported);
            assertTrue(storedTwin == stored || storedTwin == stored - 1,
                    "twin " + storedTwin + " does not follow counter " + stored);
            assertEquals("kept-value", new String(read(store, "kept"), UTF_8));
            await(store.update(CounterWriter.TWIN, CounterWriter.value(stored)));
            return stored;
        }
    }

    private void readUntilStopped(AtomicBoolean stop, AtomicLong reads, List<Throwable> failures) {
        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            long highest = 0;
            while (!stop.get()) {
                byte[] counter = read(store, "counter");
                long value = CounterWriter.counterOf(counter);
                assertArrayEquals(CounterWriter.value(value), counter);
                assertTrue(value >= highest, "counter went back from " + highest + " to " + value);
                highest = value;
                reads.incrementAndGet();
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private static byte[] read(FileSecretStore store, String name) {
        try (SecretValue value = await(store.resolve(SecretReference.parse(name))).orElseThrow()) {
            return value.asBytes();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
