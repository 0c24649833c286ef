package dev.secrets.internal.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Computes the delay before the next attempt after consecutive failures: exponential growth to a
 * cap, with random jitter so that many clients do not retry in step.
 *
 * <p>The delay of attempt {@code n} (the n-th consecutive failure, from 1) is uniformly
 * distributed between the base delay and the ceiling {@code min(cap, base * 2^(n-1))}. The first
 * delay is therefore exactly the base, and no delay ever exceeds the cap. The ceiling is computed
 * with shifts that stop at the cap, so any attempt number, even {@link Long#MAX_VALUE}, gives a
 * valid delay.
 *
 * <p>A pure function of the attempt number and the jitter source. Thread-safe when the jitter
 * source is.
 */
public final class Backoff {

    private final long baseNanos;
    private final long capNanos;
    private final DoubleSupplier jitter;

    /**
     * Creates a backoff.
     *
     * @param base the first delay; positive
     * @param cap the longest delay; at least {@code base}
     * @param jitter returns a number in {@code [0, 1)} for each delay, such as
     *     {@code ThreadLocalRandom.current()::nextDouble}; 0 gives the base, values near 1 the
     *     ceiling
     */
    public Backoff(Duration base, Duration cap, DoubleSupplier jitter) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be positive, was " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap must not be shorter than base (" + base + "), was " + cap);
        }
        this.baseNanos = saturatedNanos(base);
        this.capNanos = saturatedNanos(cap);
    }

    /**
     * Returns the delay before the attempt that follows failure number {@code attempt}.
     *
     * @throws IllegalArgumentException if {@code attempt} is less than 1
     */
    public Duration delay(long attempt) {
        long ceiling = ceilingNanos(attempt);
        double fraction = jitter.getAsDouble();
        if (!(fraction >= 0.0 && fraction < 1.0)) {
            throw new IllegalStateException("jitter source returned " + fraction + "; it must return a number in [0, 1)");
        }
        long spread = ceiling - baseNanos;
        return Duration.ofNanos(baseNanos + (long) (spread * fraction));
    }

    /** Returns the largest delay that attempt {@code attempt} can get. */
    public Duration ceiling(long attempt) {
        return Duration.ofNanos(ceilingNanos(attempt));
    }

    private long ceilingNanos(long attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        long doublings = attempt - 1;
        if (doublings >= Long.SIZE - 1) {
            return capNanos;
        }
        // base * 2^doublings exceeds the cap exactly when base exceeds cap / 2^doublings.
        if (baseNanos > (capNanos >> doublings)) {
            return capNanos;
        }
        return baseNanos << doublings;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "Backoff[base=" + Duration.ofNanos(baseNanos) + ", cap=" + Duration.ofNanos(capNanos) + "]";
    }
}
