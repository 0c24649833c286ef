package dev.secrets.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofMillis(200), Duration.ofSeconds(10));

    @Test
    void delaysDoubleUntilTheCap() {
        assertEquals(Duration.ofMillis(100), delay(1, 0.0));
        assertEquals(Duration.ofMillis(200), delay(2, 0.0));
        assertEquals(Duration.ofMillis(400), delay(3, 0.0));
        assertEquals(Duration.ofMillis(3200), delay(6, 0.0));
        assertEquals(Duration.ofSeconds(5), delay(7, 0.0));
        assertEquals(Duration.ofSeconds(5), delay(30, 0.0));
    }

    @Test
    void jitterSpansUpperHalfOfBackoff() {
        assertEquals(Duration.ofMillis(150), delay(1, 0.5));
        assertEquals(Duration.ofNanos(199_999_999), delay(1, 0.999_999_99));
        assertEquals(Duration.ofNanos(9_999_999_950L), delay(7, 0.999_999_99));
    }

    @Test
    void sixHoursOfRetriesNeverOverflow() {
        Duration waited = Duration.ZERO;
        int retry = 1;
        Duration previous = Duration.ZERO;

        while (waited.compareTo(Duration.ofHours(6)) < 0) {
            Duration next = delay(retry, 0.999_999_99);
            assertFalse(next.isNegative(), "retry " + retry);
            assertTrue(next.compareTo(previous) >= 0, "retry " + retry + " was shorter than the one before");
            assertTrue(next.compareTo(Duration.ofSeconds(10)) <= 0, "retry " + retry + " exceeded the cap");
            waited = waited.plus(next);
            previous = next;
            retry++;
        }

        assertEquals(Duration.ofNanos(9_999_999_950L), delay(Integer.MAX_VALUE, 0.999_999_99));
        assertTrue(retry > 2000, "the loop should have needed thousands of capped retries, took " + retry);
    }

    @Test
    void retryAfterLongerThanBackoffWins() {
        Optional<Duration> delay = schedule.delayBefore(1, Optional.of(Duration.ofSeconds(3)), 0.5);

        assertEquals(Optional.of(Duration.ofSeconds(3)), delay);
    }

    @Test
    void retryAfterShorterThanBackoffKeepsBackoff() {
        Optional<Duration> delay = schedule.delayBefore(5, Optional.of(Duration.ofSeconds(1)), 0.0);

        assertEquals(Optional.of(Duration.ofMillis(1600)), delay);
    }

    @Test
    void retryAfterBeyondCapEndsRetries() {
        Optional<Duration> delay = schedule.delayBefore(1, Optional.of(Duration.ofSeconds(11)), 0.5);

        assertEquals(Optional.empty(), delay);
    }

    @Test
    void rejectsRandomOutsideUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> schedule.delayBefore(1, Optional.empty(), 1.0));
        assertThrows(IllegalArgumentException.class, () -> schedule.delayBefore(1, Optional.empty(), -0.1));
        assertThrows(IllegalArgumentException.class, () -> schedule.delayBefore(1, Optional.empty(), Double.NaN));
    }

    @Test
    void rejectsRetryNumberBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> schedule.delayBefore(0, Optional.empty(), 0.5));
    }

    @Test
    void parsesRetryAfterSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetrySchedule.parseRetryAfter(" 120 ", Instant.EPOCH));
    }

    @Test
    void parsesRetryAfterHttpDate() {
        Instant now = Instant.parse("2015-10-21T07:27:30Z");

        Optional<Duration> delay = RetrySchedule.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now);

        assertEquals(Optional.of(Duration.ofSeconds(30)), delay);
    }

    @Test
    void pastRetryAfterDateIsZero() {
        Instant now = Instant.parse("2015-10-21T08:00:00Z");

        Optional<Duration> delay = RetrySchedule.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now);

        assertEquals(Optional.of(Duration.ZERO), delay);
    }

    @Test
    void malformedRetryAfterIsIgnored() {
        assertEquals(Optional.empty(), RetrySchedule.parseRetryAfter("soon", Instant.EPOCH));
        assertEquals(Optional.empty(), RetrySchedule.parseRetryAfter("-5", Instant.EPOCH));
        assertEquals(Optional.empty(), RetrySchedule.parseRetryAfter("99999999999999999999", Instant.EPOCH));
    }

    private Duration delay(int retry, double random) {
        return schedule.delayBefore(retry, Optional.empty(), random).orElseThrow();
    }
}
