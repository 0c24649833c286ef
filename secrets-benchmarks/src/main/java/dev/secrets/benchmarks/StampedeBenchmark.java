package dev.secrets.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 64 threads ask for one cold secret at once; counts the backend calls that this causes.
 *
 * <p>Each iteration builds the contender anew over a {@link FakeSecretsManager} whose calls take
 * {@value #BACKEND_LATENCY_MILLIS} ms, so every thread reaches the cache while the first load is
 * still running. The secondary result {@code backendCalls} is the number of Secrets Manager calls
 * of one round (JMH prints the sum over the iterations). The primary score is the time from opening
 * the gate until the last thread has its value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(1)
public class StampedeBenchmark {

    /** Threads that read at once. */
    public static final int THREADS = 64;

    static final long BACKEND_LATENCY_MILLIS = 20;

    @Param({"secrets", "aws-caching-client", "no-cache"})
    public String contender;

    private FakeSecretsManager backend;
    private SecretReader reader;
    private Stampede stampede;

    /** The calls to the backend during one round. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Calls {
        public long backendCalls;
    }

    @Setup(Level.Iteration)
    public void prepareRound() {
        backend = new FakeSecretsManager();
        backend.putSecret(HitBenchmark.NAME, HitBenchmark.VALUE);
        backend.latency(Duration.ofMillis(BACKEND_LATENCY_MILLIS));
        reader = Contender.of(contender).create(backend, CacheSettings.noExpiry(1_000));
        stampede = Stampede.prepare(THREADS, reader, HitBenchmark.NAME);
    }

    @TearDown(Level.Iteration)
    public void closeRound() {
        reader.close();
    }

    @Benchmark
    public void stampede(Calls calls) {
        stampede.release();
        calls.backendCalls = backend.calls().total();
    }
}
