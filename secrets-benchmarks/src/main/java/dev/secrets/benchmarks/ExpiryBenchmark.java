package dev.secrets.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Readers that cross many expiry points of one secret whose backend takes
 * {@value #BACKEND_LATENCY_MILLIS} ms: the latency distribution of a read (JMH's p0.99 and p1.00,
 * the maximum).
 *
 * <p>Each of the {@value #READERS} threads reads once every {@value #READ_INTERVAL_MICROS} µs; the
 * pause is not measured. Both caches pass a refresh point every 50 to 100 ms of real time:
 * <ul>
 *   <li>this SDK: TTL {@code 10s} and refresh-ahead {@code 7s} on a {@link ScaledTimeSource} that
 *       runs {@value #CLOCK_FACTOR} times faster than real time. The background refresh starts 27
 *       to 30 ms after a load (the TTL jitter removes up to 10%) and takes the backend's 20 ms.
 *       So a new value arrives about every 50 ms, while the old one would expire 90 to 100 ms
 *       after its load. The 70 ms between refresh point and expiry stand for the minutes that a
 *       production refresh-ahead leaves, compressed as the clock is;
 *   <li>the AWS caching client: cache item TTL 100 ms on its own system clock, so it refreshes 50
 *       to 100 ms after a load, on the read that finds the item due, while holding the item's lock.
 * </ul>
 * With reads every millisecond, about one read in 75 per thread meets a refresh of the AWS client,
 * so its p99 reflects that refresh. At higher read rates a smaller share of reads waits, and its p99
 * falls, while its maximum stays near the backend's latency.
 *
 * <p>The secondary result {@code backendCalls} counts the Secrets Manager calls of an iteration
 * (the sum over the iterations in JMH's summary), to show how many expiry points the readers
 * crossed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(ExpiryBenchmark.READERS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ExpiryBenchmark {

    static final int READERS = 4;
    static final long BACKEND_LATENCY_MILLIS = 20;
    static final long READ_INTERVAL_MICROS = 1_000;
    static final long CLOCK_FACTOR = 100;

    @Param({"secrets", "aws-caching-client"})
    public String contender;

    private FakeSecretsManager backend;
    private SecretReader reader;

    @Setup(Level.Trial)
    public void start() {
        backend = new FakeSecretsManager();
        backend.putSecret(HitBenchmark.NAME, HitBenchmark.VALUE);
        backend.latency(Duration.ofMillis(BACKEND_LATENCY_MILLIS));
        CacheSettings settings = new CacheSettings(Duration.ofSeconds(10), Duration.ofSeconds(7),
                Duration.ofMillis(100), 1_000, new ScaledTimeSource(CLOCK_FACTOR));
        reader = Contender.of(contender).create(backend, settings);
        reader.read(HitBenchmark.NAME);
    }

    @TearDown(Level.Trial)
    public void stop() {
        reader.close();
    }

    /**
     * One reader thread: waits between reads, outside the measured time, and (on the first
     * thread only) reports the backend calls of the iteration so far.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Reader {

        public long backendCalls;

        private boolean reporter;
        private long callsAtStart;

        @Setup(Level.Iteration)
        public void beginIteration(ExpiryBenchmark benchmark, ThreadParams thread) {
            reporter = thread.getThreadIndex() == 0;
            callsAtStart = benchmark.backend.calls().total();
        }

        @Setup(Level.Invocation)
        public void pause(ExpiryBenchmark benchmark) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(READ_INTERVAL_MICROS));
            if (reporter) {
                backendCalls = benchmark.backend.calls().total() - callsAtStart;
            }
        }
    }

    @Benchmark
    public Object read(Reader thread) {
        return reader.read(HitBenchmark.NAME);
    }
}
