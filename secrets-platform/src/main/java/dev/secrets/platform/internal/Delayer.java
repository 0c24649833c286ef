package dev.secrets.platform.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Completes a future after a delay, without blocking a thread; tests pass one that records delays. */
@FunctionalInterface
public interface Delayer {

    /** Returns a future that completes after {@code delay}. */
    CompletableFuture<Void> after(Duration delay);

    /** Returns the delayer backed by {@link CompletableFuture#delayedExecutor}. */
    static Delayer system() {
        return delay -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));
    }
}
