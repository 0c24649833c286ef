package dev.secrets.internal.cache;

import dev.secrets.SecretReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides whether a repeated warning about one reference is logged now: at most once per reference
 * per interval of the cache's ticker. It remembers one time per reference that was ever logged, so
 * its size is bounded by the number of distinct references. Thread-safe; no lock is held while the
 * caller logs.
 */
final class RateLimitedLog {

    private final long intervalNanos;
    private final ConcurrentHashMap<SecretReference, Long> lastLogged = new ConcurrentHashMap<>();

    RateLimitedLog(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Returns true for the first call for {@code reference}, and again once the interval has passed. */
    boolean shouldLog(SecretReference reference, long now) {
        AtomicBoolean due = new AtomicBoolean();
        lastLogged.compute(reference, (key, last) -> {
            if (last == null || now - last >= intervalNanos) {
                due.set(true);
                return now;
            }
            return last;
        });
        return due.get();
    }

    void clear() {
        lastLogged.clear();
    }
}
