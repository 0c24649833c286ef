package dev.secrets.internal.file;

import static dev.secrets.internal.file.FileSecretStoreTest.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent writers in threads and processes never lose a write, and a killed writer leaves a readable store. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FileStoreConcurrencyTest {

    @TempDir
    Path directory;

    @Test
    void eightThreadsAddingLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileSecretStore shared = FileSecretStore.builder().directory(directory).build()) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    // Half the threads share one instance, the others each build their own.
                    FileSecretStore store = thread % 2 == 0 ? shared
                            : FileSecretStore.builder().directory(directory).build();
                    for (int i = 0; i < perThread; i++) {
                        join(store.add(SecretName.of("t" + thread + "-" + i), ("v" + i).getBytes(UTF_8)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }

            assertEquals(threads * perThread, join(shared.list()).size());
            assertEquals("v24", join(shared.resolve(SecretReference.parse("t7-24"))).orElseThrow().asString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoProcessesAddingAtOnceBothSurvive() throws Exception {
        int perProcess = 40;
        Process first = startWriter("add", "first-", String.valueOf(perProcess));
        Process second = startWriter("add", "second-", String.valueOf(perProcess));
        try {
            BufferedReader firstOut = output(first);
            BufferedReader secondOut = output(second);
            assertEquals("ready", firstOut.readLine());
            assertEquals("ready", secondOut.readLine());

            release(first);
            release(second);

            assertEquals("done", firstOut.readLine(), () -> errors(first));
            assertEquals("done", secondOut.readLine(), () -> errors(second));
            assertEquals(0, first.waitFor());
            assertEquals(0, second.waitFor());
        } finally {
            first.destroyForcibly();
            second.destroyForcibly();
        }

        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            List<String> names = join(store.list()).stream().map(m -> m.name().value()).toList();
            assertEquals(2 * perProcess, names.size(), names::toString);
            assertTrue(names.contains("first-" + (perProcess - 1)));
            assertTrue(names.contains("second-" + (perProcess - 1)));
        }
    }

    @Test
    void killedWriterLeavesReadableStore() throws Exception {
        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            join(store.add(SecretName.of("kept"), "kept-value".getBytes(UTF_8)));
            join(store.add(SecretName.of("counter"), FileStoreWriterProcess.rewriteValue(0)));
        }
        Process writer = startWriter("rewrite", "counter");
        long lastCommitted;
        try {
            BufferedReader out = output(writer);
            String line = null;
            for (int i = 0; i < 30; i++) {
                line = out.readLine();
                assertTrue(line != null, () -> errors(writer));
            }
            lastCommitted = Long.parseLong(line);

            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        } finally {
            writer.destroyForcibly();
        }

        try (FileSecretStore store = FileSecretStore.builder().directory(directory).build()) {
            byte[] value = join(store.resolve(SecretReference.parse("counter"))).orElseThrow().asBytes();
            String text = new String(value, UTF_8);
            long stored = Long.parseLong(text.substring(0, text.indexOf(':')));

            assertTrue(stored >= lastCommitted, "stored " + stored + " < committed " + lastCommitted);
            assertArrayEquals(FileStoreWriterProcess.rewriteValue(stored), value);
            assertEquals("kept-value", join(store.resolve(SecretReference.parse("kept"))).orElseThrow().asString());

            join(store.add(SecretName.of("after-kill"), "x".getBytes(UTF_8)));
            try (Stream<Path> files = Files.list(directory)) {
                assertEquals(List.of("default.lock", "default.secrets", "key"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    private Process startWriter(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                FileStoreWriterProcess.class.getName(), directory.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static BufferedReader output(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    }

    private static void release(Process process) throws Exception {
        OutputStream in = process.getOutputStream();
        in.write("go\n".getBytes(UTF_8));
        in.flush();
    }

    private static String errors(Process process) {
        try {
            process.destroyForcibly().waitFor();
            return new String(process.getErrorStream().readAllBytes(), UTF_8);
        } catch (Exception e) {
            return "(stderr unreadable: " + e + ")";
        }
    }
}
