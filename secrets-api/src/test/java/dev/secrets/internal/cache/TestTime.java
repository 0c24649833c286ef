package dev.secrets.internal.cache;

import dev.secrets.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A time source that moves only when a test advances it. */
final class TestTime implements TimeSource {

    private final AtomicLong nanos = new AtomicLong();

    void advance(Duration amount) {
        nanos.addAndGet(amount.toNanos());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return Instant.EPOCH.plusNanos(nanos.get());
    }
}
