package dev.secrets.internal.cache;

import dev.secrets.SecretException;
import dev.secrets.SecretValue;

/**
 * What the cache holds for one reference: a value, a "not found" answer, or the record of failed
 * loads together with the last good value. Immutable apart from the private value, which is
 * wiped when the cache closes.
 *
 * <p>All times are readings of the cache's ticker, in nanoseconds.
 */
final class Slot {

    enum Kind { VALUE, NOT_FOUND, FAILED }

    final Kind kind;
    /** The private copy of the value; never handed out. Set for VALUE. */
    final SecretValue value;
    /** The detail of a "not found" answer; empty when the store gave none. */
    final String notFoundDetail;
    /** Until when a VALUE or NOT_FOUND slot answers reads without a load. */
    final long freshUntil;
    /** From when a read of a fresh VALUE slot starts a background refresh. */
    final long refreshAt;
    /** Until when a VALUE slot may be served stale after a failed reload. */
    final long staleUntil;
    /** The error of the last load. Set for FAILED. */
    final SecretException failure;
    /** How many loads failed in a row: of the value for FAILED, of background refreshes for VALUE. */
    final long failures;
    /** Before this time a FAILED slot is answered from the cache, without asking the backend. */
    final long retryAt;
    /** The last VALUE slot before the failures, for stale answers; null when there was none. */
    final Slot lastGood;
    /** Until when the cache keeps this slot at all. */
    final long retainUntil;

    private Slot(Kind kind, SecretValue value, String notFoundDetail, long freshUntil, long refreshAt, long staleUntil,
            SecretException failure, long failures, long retryAt, Slot lastGood, long retainUntil) {
        this.kind = kind;
        this.value = value;
        this.notFoundDetail = notFoundDetail;
        this.freshUntil = freshUntil;
        this.refreshAt = refreshAt;
        this.staleUntil = staleUntil;
        this.failure = failure;
        this.failures = failures;
        this.retryAt = retryAt;
        this.lastGood = lastGood;
        this.retainUntil = retainUntil;
    }

    static Slot value(SecretValue value, long freshUntil, long refreshAt, long staleUntil) {
        return new Slot(Kind.VALUE, value, "", freshUntil, refreshAt, staleUntil, null, 0, 0, null,
                Math.max(freshUntil, staleUntil));
    }

    static Slot notFound(String detail, long freshUntil) {
        return new Slot(Kind.NOT_FOUND, null, detail, freshUntil, Long.MAX_VALUE, freshUntil, null, 0, 0, null,
                freshUntil);
    }

    /**
     * Returns the slot after failed load number {@code failures}. It is kept while it can still
     * serve a stale value, and until {@code forgetAt}, so that a read soon after {@code retryAt}
     * continues the backoff sequence instead of starting it again.
     */
    static Slot failed(SecretException failure, long failures, long retryAt, Slot lastGood, long forgetAt) {
        long retain = lastGood == null ? forgetAt : Math.max(forgetAt, lastGood.staleUntil);
        return new Slot(Kind.FAILED, null, "", 0, Long.MAX_VALUE, 0, failure, failures, retryAt, lastGood, retain);
    }

    /** Returns this VALUE slot with its next background refresh moved to {@code nextRefreshAt}. */
    Slot withRefreshDelayed(long nextRefreshAt, long refreshFailures) {
        return new Slot(kind, value, notFoundDetail, freshUntil, nextRefreshAt, staleUntil, null, refreshFailures,
                0, null, retainUntil);
    }

    boolean isFresh(long now) {
        return kind != Kind.FAILED && now < freshUntil;
    }

    /** Returns whether this slot says to wait before the backend is asked again. */
    boolean isBackingOff(long now) {
        return kind == Kind.FAILED && now < retryAt;
    }

    /** Returns the value a failed slot may serve stale at {@code now}, or null. */
    Slot staleCandidate(long now) {
        if (kind != Kind.FAILED || lastGood == null || !failure.retryable() || now >= lastGood.staleUntil) {
            return null;
        }
        return lastGood;
    }

    /** Returns the VALUE slot that a failed reload may fall back on: this one, or the last good one. */
    Slot lastGoodValue() {
        return kind == Kind.VALUE ? this : lastGood;
    }

    /** Returns a fresh copy of the value for a caller, who may close it. */
    SecretValue copyOfValue() {
        byte[] bytes = value.asBytes();
        try {
            return SecretValue.of(bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Slot[" + kind + "]";
    }
}
