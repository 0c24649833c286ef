package dev.secrets.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofMinutes(1);

    @Test
    void ceilingDoublesUntilTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, () -> 0.0);

        assertEquals(Duration.ofSeconds(1), backoff.ceiling(1));
        assertEquals(Duration.ofSeconds(2), backoff.ceiling(2));
        assertEquals(Duration.ofSeconds(4), backoff.ceiling(3));
        assertEquals(Duration.ofSeconds(32), backoff.ceiling(6));
        assertEquals(CAP, backoff.ceiling(7));
        assertEquals(CAP, backoff.ceiling(8));
    }

    @Test
    void delaySpansBaseToCeilingByJitter() {
        Backoff lowest = new Backoff(BASE, CAP, () -> 0.0);
        Backoff middle = new Backoff(BASE, CAP, () -> 0.5);
        Backoff highest = new Backoff(BASE, CAP, () -> Math.nextDown(1.0));

        assertEquals(BASE, lowest.delay(5));
        assertEquals(Duration.ofMillis(8_500), middle.delay(5));
        assertTrue(highest.delay(5).compareTo(Duration.ofSeconds(16)) <= 0);
        assertTrue(highest.delay(5).compareTo(Duration.ofMillis(15_999)) > 0);
    }

    @Test
    void firstDelayIsTheBaseWhateverTheJitter() {
        Backoff backoff = new Backoff(BASE, CAP, () -> 0.9);

        assertEquals(BASE, backoff.delay(1));
    }

    @Test
    void hugeAttemptNumbersStayAtTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, () -> Math.nextDown(1.0));

        for (long attempt : new long[] {62, 63, 64, 65, 1_000, 1_000_000, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            Duration delay = backoff.delay(attempt);
            assertFalse(delay.isNegative(), "attempt " + attempt);
            assertTrue(delay.compareTo(CAP) <= 0, "attempt " + attempt + " gave " + delay);
            assertEquals(CAP, backoff.ceiling(attempt), "attempt " + attempt);
        }
    }

    @Test
    void capNearLongMaxDoesNotOverflow() {
        Duration longest = Duration.ofNanos(Long.MAX_VALUE);
        Backoff backoff = new Backoff(BASE, longest, () -> Math.nextDown(1.0));

        assertEquals(longest, backoff.ceiling(1_000_000));
        assertFalse(backoff.delay(1_000_000).isNegative());
        assertEquals(Duration.ofSeconds(1L << 33), backoff.ceiling(34));
    }

    @Test
    void delaysNeverShrinkBeforeTheCapWithFixedJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofHours(1), () -> 0.3);

        Duration previous = Duration.ZERO;
        for (long attempt = 1; attempt <= 100; attempt++) {
            Duration delay = backoff.delay(attempt);
            assertTrue(delay.compareTo(previous) >= 0, "attempt " + attempt + ": " + delay + " < " + previous);
            previous = delay;
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        Backoff backoff = new Backoff(BASE, CAP, () -> 0.0);

        assertThrows(IllegalArgumentException.class, () -> backoff.delay(0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, CAP, () -> 0.0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(CAP, BASE, () -> 0.0));
        assertThrows(IllegalStateException.class, () -> new Backoff(BASE, CAP, () -> 1.0).delay(2));
    }
}
