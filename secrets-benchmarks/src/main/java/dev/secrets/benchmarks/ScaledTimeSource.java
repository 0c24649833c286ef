package dev.secrets.benchmarks;

import dev.secrets.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link TimeSource} that runs a fixed number of times faster than the system clock, from the
 * moment it is created. A cache that accepts no TTL under one second can so expire every few
 * milliseconds of real time, while its background loads still take real time.
 *
 * <p>Thread-safe.
 */
public final class ScaledTimeSource implements TimeSource {

    private final long originNanos = System.nanoTime();
    private final Instant originInstant = Instant.now();
    private final long factor;

    /** Returns a time source that runs {@code factor} times faster than the system clock. */
    public ScaledTimeSource(long factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
        this.factor = factor;
    }

    /** Returns the real time in which {@code scaled} passes on this clock. */
    public Duration realTime(Duration scaled) {
        return scaled.dividedBy(factor);
    }

    @Override
    public long nanoTime() {
        return originNanos + (System.nanoTime() - originNanos) * factor;
    }

    @Override
    public Instant now() {
        return originInstant.plusNanos((System.nanoTime() - originNanos) * factor);
    }

    @Override
    public String toString() {
        return "ScaledTimeSource[factor=" + factor + "]";
    }
}
