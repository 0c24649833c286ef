package dev.secrets.internal.file;

import dev.secrets.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock for tests that starts at a fixed instant and moves only when a test advances it. */
final class SteppingTimeSource implements TimeSource {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final AtomicLong elapsedNanos = new AtomicLong();

    void advance(Duration amount) {
        elapsedNanos.addAndGet(amount.toNanos());
    }

    @Override
    public long nanoTime() {
        return elapsedNanos.get();
    }

    @Override
    public Instant now() {
        return START.plusNanos(elapsedNanos.get());
    }
}
