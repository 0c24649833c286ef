package dev.secrets.platform.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the delay before each retry of a throttled (429) or unavailable (503) request: an
 * exponential backoff with equal jitter, never shorter than the server's {@code Retry-After} and
 * never longer than a cap. A pure function of its inputs, so tests pass the random number and the
 * current time.
 */
public final class RetrySchedule {

    private final Duration baseDelay;
    private final Duration maxDelay;

    /**
     * Creates a schedule.
     *
     * @param baseDelay the delay before the first retry, before jitter
     * @param maxDelay the longest delay; a {@code Retry-After} beyond it ends the retries
     */
    public RetrySchedule(Duration baseDelay, Duration maxDelay) {
        if (baseDelay.isNegative() || baseDelay.isZero()) {
            throw new IllegalArgumentException("baseDelay must be positive, was " + baseDelay);
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be at least baseDelay, was " + maxDelay);
        }
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * Returns the delay before retry number {@code retry} (1 for the first retry): a value in
     * [backoff / 2, backoff] where backoff = baseDelay × 2^(retry − 1), capped at maxDelay, then
     * raised to {@code retryAfter} if that is longer.
     *
     * @param random a number in [0, 1) that picks the point in the jitter range
     * @return the delay, or empty when {@code retryAfter} exceeds maxDelay, so the caller should
     *     stop retrying instead of waiting that long or retrying too early
     */
    public Optional<Duration> delayBefore(int retry, Optional<Duration> retryAfter, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be at least 1, was " + retry);
        }
        if (!(random >= 0.0 && random < 1.0)) {
            throw new IllegalArgumentException("random must be in [0, 1), was " + random);
        }
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isPresent() && retryAfter.get().compareTo(maxDelay) > 0) {
            return Optional.empty();
        }
        long backoffNanos = backoffNanos(retry);
        long half = backoffNanos / 2;
        Duration jittered = Duration.ofNanos(half + (long) (random * (backoffNanos - half)));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(jittered) > 0) {
            return retryAfter;
        }
        return Optional.of(jittered);
    }

    /** Returns the longest delay. */
    public Duration maxDelay() {
        return maxDelay;
    }

    private long backoffNanos(int retry) {
        long cap = maxDelay.toNanos();
        long delay = baseDelay.toNanos();
        for (int i = 1; i < retry && delay < cap; i++) {
            delay = delay > cap / 2 ? cap : delay * 2;
        }
        return Math.min(delay, cap);
    }

    /**
     * Parses a {@code Retry-After} header: a number of seconds or an HTTP date (RFC 9110). A date
     * in the past is zero. Anything else is empty, so a malformed header falls back to backoff.
     */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        String value = header.trim();
        if (value.matches("\\d{1,12}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration until = Duration.between(now, at);
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
