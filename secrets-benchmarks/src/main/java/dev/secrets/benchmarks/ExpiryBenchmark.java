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
 *   <li>this SDK: TTL {@code 10s} and refresh-ahead {@code 8s} on a {@link ScaledTimeSource} that
 *       runs {@value #CLOCK_FACTOR} times faster than real time. The background refresh starts 36
 *       to 40 ms after a load (the TTL jitter removes up to 10%) and takes the backend's 20 ms.
 *       So a new value arrives about every 60 ms, while the old one would expire 180 to 200 ms
 *       after its load. The 160 ms between refresh point and expiry stand for the minutes that a
 *       production refresh-ahead leaves, compressed as the clock is;
 *   <li>the AWS caching client: cache item TTL 100 ms on its own system clock, so it refreshes 50
 *       to 100 ms after a load, on the read that finds the item due, while holding the item's lock.
 * </ul>
 * With reads every millisecond, about one read in 75 per thread meets a refresh of the AWS client,
 * so its p99 reflects that refresh. At higher read rates a smaller share of reads waits, and its p99
 * falls, while its maximum stays near the backend's latency.
 *
 * <p>Counters per iteration (JMH's summary prints their sum over the iterations):
 * {@code backendCalls}, the Secrets Manager calls, shows how many refresh points the readers
 * crossed; {@code readsOverOneMilli} counts slow reads whatever their cause (a wait for a load, a
 * collection, a descheduled thread); {@code cacheMisses} counts the reads of this SDK that waited
 * for a load, the first load of the setup not included.
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
    static final long CLOCK_FACTOR = 50;

    @Param({"secrets", "aws-caching-client"})
    public String contender;

    private FakeSecretsManager backend;
    private SecretReader reader;

    @Setup(Level.Trial)
    public void start() {
        backend = new FakeSecretsManager();
        backend.putSecret(HitBenchmark.NAME, HitBenchmark.VALUE);
        backend.latency(Duration.ofMillis(BACKEND_LATENCY_MILLIS));
        CacheSettings settings = new CacheSettings(Duration.ofSeconds(10), Duration.ofSeconds(8),
                Duration.ofMillis(100), 1_000, new ScaledTimeSource(CLOCK_FACTOR));
        reader = Contender.of(contender).create(backend, settings);
        reader.read(HitBenchmark.NAME);
    }

    @TearDown(Level.Trial)
    public void stop() {
        reader.close();
    }

    /**
     * One reader thread: waits between reads, outside the measured time, and counts its reads
     * that took over a millisecond. The first thread also reports the backend calls of the
     * iteration so far and, for this SDK, the cache misses: reads that waited for a load.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Reader {

        public long backendCalls;
        public long readsOverOneMilli;
        /** Cache misses of this SDK, or NaN for the AWS caching client, which keeps no statistics. */
        public double cacheMisses;

        private boolean reporter;
        private long callsAtStart;
        private long missesAtStart;
        private long readStart;

        @Setup(Level.Iteration)
        public void beginIteration(ExpiryBenchmark benchmark, ThreadParams thread) {
            reporter = thread.getThreadIndex() == 0;
            callsAtStart = benchmark.backend.calls().total();
            missesAtStart = benchmark.cacheMisses();
        }

        @Setup(Level.Invocation)
        public void pause(ExpiryBenchmark benchmark) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(READ_INTERVAL_MICROS));
            if (reporter) {
                backendCalls = benchmark.backend.calls().total() - callsAtStart;
                long misses = benchmark.cacheMisses();
                cacheMisses = misses < 0 ? Double.NaN : misses - missesAtStart;
            }
            readStart = System.nanoTime();
        }

        @TearDown(Level.Invocation)
        public void countSlowRead() {
            if (System.nanoTime() - readStart > TimeUnit.MILLISECONDS.toNanos(1)) {
                readsOverOneMilli++;
            }
        }
    }

    /** Returns the cache misses of this SDK so far, or -1 for a contender without statistics. */
    long cacheMisses() {
        if (reader instanceof Contender.SecretsReader) {
            return ((Contender.SecretsReader) reader).secrets().cacheStats().misses();
        }
        return -1;
    }

    @Benchmark
    public Object read(Reader thread) {
        return reader.read(HitBenchmark.NAME);
    }
}
