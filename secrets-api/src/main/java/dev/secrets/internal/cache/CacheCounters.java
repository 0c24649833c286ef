package dev.secrets.internal.cache;

import dev.secrets.CacheStats;
import dev.secrets.spi.SecretLookup;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link CacheStats}; thread-safe and free of locks. */
final class CacheCounters {

    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder staleAnswers = new LongAdder();

    /** Counts one load of one reference, and a failure when it failed. */
    void recordLoad(SecretLookup result) {
        loads.increment();
        if (result.status() == SecretLookup.Status.FAILED) {
            loadFailures.increment();
        }
    }

    CacheStats snapshot() {
        return new CacheStats(hits.sum(), misses.sum(), loads.sum(), loadFailures.sum(), staleAnswers.sum());
    }
}
