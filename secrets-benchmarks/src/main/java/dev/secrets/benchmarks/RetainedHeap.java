package dev.secrets.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.function.Supplier;

/**
 * Measures how much heap a structure keeps: the used heap after full collections, before and
 * after the structure is built, while it is still reachable.
 *
 * <p>The figure includes everything the build leaves reachable, so the caller creates its inputs
 * (names, backend) before it measures. It is accurate to some hundred kilobytes, so divide by a
 * large number of entries. Not for concurrent use: other threads that allocate during a
 * measurement distort it.
 */
public final class RetainedHeap {

    private static final int COLLECTIONS = 5;

    private RetainedHeap() {
    }

    /**
     * Returns the heap in bytes that the result of {@code build} keeps reachable, divided by
     * {@code entries}.
     */
    public static double bytesPerEntry(int entries, Supplier<?> build) {
        if (entries < 1) {
            throw new IllegalArgumentException("entries must be at least 1, got " + entries);
        }
        long before = usedAfterCollections();
        Object built = build.get();
        long after = usedAfterCollections();
        Reference.reachabilityFence(built);
        return (double) (after - before) / entries;
    }

    /** Runs full collections until the used heap stops shrinking, at most five, and returns it. */
    static long usedAfterCollections() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
