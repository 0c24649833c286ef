package dev.secrets.testkit;

import dev.secrets.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} that moves only when a test calls {@link #advance(Duration)}, so expiry,
 * refresh and backoff are tested without sleeping. The wall clock and the nanosecond ticker move
 * together. Thread-safe.
 *
 * <pre>{@code
 * ManualTimeSource time = new ManualTimeSource();
 * Secrets secrets = Secrets.builder().timeSource(time)...build();
 * time.advance(Duration.ofMinutes(6));
 * }</pre>
 */
public final class ManualTimeSource implements TimeSource {

    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    /** Starts at 2026-01-01T00:00:00Z. */
    public ManualTimeSource() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualTimeSource(Instant start) {
        this.start = Objects.requireNonNull(start, "start");
    }

    /** Moves time forward by {@code amount}; negative amounts are rejected. */
    public void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; amount was " + amount);
        }
        elapsedNanos.addAndGet(amount.toNanos());
    }

    /** Returns how far time has moved since the start. */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos.get());
    }

    @Override
    public long nanoTime() {
        return elapsedNanos.get();
    }

    @Override
    public Instant now() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public String toString() {
        return "ManualTimeSource[now=" + now() + "]";
    }
}
