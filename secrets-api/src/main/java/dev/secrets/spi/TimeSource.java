package dev.secrets.spi;

import java.time.Instant;

/**
 * The SDK's source of time: a monotonic nanosecond ticker for expiry and a wall clock for
 * timestamps. Inject a controllable one (the testkit's {@code ManualTimeSource}) so tests move
 * time forward instead of sleeping.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TimeSource {

    /** Returns a monotonic reading in nanoseconds, comparable only with other readings. */
    long nanoTime();

    /** Returns the current wall-clock time. */
    Instant now();

    /** Returns the time source backed by {@link System#nanoTime()} and the system clock. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}

final class SystemTimeSource implements TimeSource {

    static final SystemTimeSource INSTANCE = new SystemTimeSource();

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public String toString() {
        return "TimeSource.system()";
    }
}
