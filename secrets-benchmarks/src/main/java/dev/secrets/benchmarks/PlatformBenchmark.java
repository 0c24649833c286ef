package dev.secrets.benchmarks;

import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.testkit.platform.LocalPlatformServer;
import dev.secrets.testkit.platform.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resolves sealed values through the testkit's {@link LocalPlatformServer} on 127.0.0.1: this
 * SDK's {@code platform} store without a cache, so every resolve is one HTTP request in which the
 * server seals each value for a fresh node key and the store opens it. Scores are values per
 * second.
 *
 * <p>The local server always seals, so this benchmark has no unsealed counterpart over HTTP;
 * {@link SealingBenchmark} measures the cryptography alone against a plain copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The JDK's HTTP server, which the local platform server uses, leaves Nagle's algorithm on unless
// this property is set, so each reply would wait for the client's delayed ACK (about 40 ms on Linux).
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class PlatformBenchmark {

    /** Values in one {@link #resolveBatch()} request. */
    static final int BATCH = 20;

    private final List<SecretReference> references = new ArrayList<>();
    private LocalPlatformServer server;
    private Secrets secrets;

    @Setup
    public void start() {
        server = LocalPlatformServer.start();
        Workspace workspace = server.createWorkspace();
        byte[] value = HitBenchmark.VALUE.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < BATCH; i++) {
            String name = String.format("app/secret-%02d", i);
            workspace.builtinStore().add(SecretName.of(name), value).join();
            references.add(SecretReference.parse(name));
        }
        secrets = Secrets.builder()
                .store(workspace.nodeStore().option("cache", Map.of("enabled", false)).build())
                .environment(Map.of())
                .build();
    }

    @TearDown
    public void stop() {
        secrets.close();
        server.close();
    }

    /** Resolves one value per request. */
    @Benchmark
    public SecretValue resolveOne() {
        return secrets.resolve(references.get(0));
    }

    /** Resolves {@value #BATCH} values in one request. The score counts values, not requests. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int resolveBatch() {
        Map<SecretReference, SecretValue> values = secrets.resolveAll(references);
        values.values().forEach(SecretValue::close);
        return values.size();
    }
}
