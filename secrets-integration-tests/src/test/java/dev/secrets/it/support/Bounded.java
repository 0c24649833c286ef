package dev.secrets.it.support;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.function.Executable;

/**
 * Assertions with an upper bound on elapsed time. A call that hangs fails the test at the bound
 * instead of hanging the build.
 */
public final class Bounded {

    /**
     * Slack on top of a configured timeout: room for a cold JIT and two busy cores, still far
     * below any hang.
     */
    public static final Duration SLACK = Duration.ofSeconds(5);

    private static final AtomicInteger CALLS = new AtomicInteger();

    private Bounded() {
    }

    /** Returns how many calls of {@link #assertThrowsWithin} this JVM made, for reports of the test run. */
    public static int calls() {
        return CALLS.get();
    }

    /**
     * Asserts that {@code action} throws {@code type} within {@code timeout} plus {@link #SLACK},
     * and returns the exception. {@code scenario} names the case in a failure message.
     */
    public static <T extends Throwable> T assertThrowsWithin(Duration timeout, Class<T> type, Executable action,
            String scenario) {
        CALLS.incrementAndGet();
        return assertTimeoutPreemptively(timeout.plus(SLACK), () -> assertThrows(type, action, scenario),
                () -> scenario + ": no " + type.getSimpleName() + " within " + timeout.plus(SLACK).toMillis() + " ms");
    }
}
