package dev.secrets;

/**
 * A snapshot of the counters of one store's cache, or the sum over several stores. Counters only
 * grow while the cache is open. Read them with {@link Secrets#cacheStats()}.
 *
 * <p>Every lookup of a reference is either a hit or a miss. A batch of five references counts five
 * lookups, and a reference with two JSON fields in one batch counts once.
 *
 * @param hits lookups answered by a fresh entry, without waiting for the backend; reads after the
 *     refresh point that start a background refresh count here too
 * @param misses lookups that no fresh entry answered: those that waited for a load, and those
 *     answered during backoff with a stale value or the last error
 * @param loads references the cache asked the backend for, in reads, background refreshes and
 *     forced refreshes; a batch of five references counts five
 * @param loadFailures loads that failed; "not found" is not a failure
 * @param staleAnswers lookups answered with an expired value because its reload failed
 */
public record CacheStats(long hits, long misses, long loads, long loadFailures, long staleAnswers) {

    /** Counters that are all zero. */
    public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0);

    /** Returns the sum of this snapshot and {@code other}. */
    public CacheStats plus(CacheStats other) {
        return new CacheStats(hits + other.hits, misses + other.misses, loads + other.loads,
                loadFailures + other.loadFailures, staleAnswers + other.staleAnswers);
    }

    /** Returns the number of lookups: hits plus misses. */
    public long lookups() {
        return hits + misses;
    }

    /** Returns the share of lookups that were hits, from 0 to 1; 1 when there was no lookup. */
    public double hitRate() {
        long lookups = lookups();
        return lookups == 0 ? 1.0 : (double) hits / lookups;
    }
}
