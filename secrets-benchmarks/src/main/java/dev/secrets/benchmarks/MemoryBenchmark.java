package dev.secrets.benchmarks;

import java.util.List;
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
 * Fills a cache with {@value #ENTRIES} secrets of 64 bytes and measures the heap it keeps per
 * entry, with {@link RetainedHeap}: used heap after full collections, before and after the fill.
 *
 * <p>The backend ({@link FakeSecretsManager}, no latency), the name strings and the empty
 * contender exist before the first measurement, so they are not counted; the objects that a cache
 * creates for its keys are. The secondary result {@code bytesPerEntry} is the figure (JMH prints
 * the sum over the iterations, so divide by their number); the primary score is the time of the
 * fill and the collections, and means little.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MemoryBenchmark {

    /** Entries in the cache. */
    public static final int ENTRIES = 100_000;

    @Param({"secrets", "floor", "aws-caching-client"})
    public String contender;

    private final List<String> names = ColdStartBenchmark.names(ENTRIES);
    private FakeSecretsManager backend;
    private SecretReader reader;

    /** The retained heap of one fill. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {
        public double bytesPerEntry;
    }

    @Setup(Level.Trial)
    public void seed() {
        backend = new FakeSecretsManager();
        for (String name : names) {
            backend.putSecret(name, HitBenchmark.VALUE);
        }
    }

    @Setup(Level.Iteration)
    public void createCache() {
        reader = Contender.of(contender).create(backend, CacheSettings.noExpiry(2 * ENTRIES));
    }

    @TearDown(Level.Iteration)
    public void closeCache() {
        reader.close();
    }

    @Benchmark
    public void fill(Heap heap) {
        heap.bytesPerEntry = RetainedHeap.bytesPerEntry(ENTRIES, () -> {
            reader.readAll(names);
            return reader;
        });
    }
}
