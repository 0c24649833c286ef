package dev.secrets.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many threads that ask for one cold secret at the same moment.
 *
 * <p>{@link #prepare} starts the threads and waits until every one of them waits at a gate;
 * {@link #release} opens the gate and waits until every read returned. Each thread reads once.
 * Not thread-safe: one thread drives a round.
 */
public final class Stampede {

    /** How long a round may take before it counts as hung. */
    static final Duration ROUND_LIMIT = Duration.ofSeconds(30);

    private final CountDownLatch ready;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch done;
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final List<Thread> threads;

    private Stampede(int threadCount, SecretReader reader, String name) {
        this.ready = new CountDownLatch(threadCount);
        this.done = new CountDownLatch(threadCount);
        this.threads = new ArrayList<>(threadCount);
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(() -> readAtGate(reader, name), "stampede-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    /**
     * Starts {@code threadCount} threads that will each read {@code name} once from
     * {@code reader}, and returns when all of them wait at the gate.
     */
    public static Stampede prepare(int threadCount, SecretReader reader, String name) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount must be at least 1, got " + threadCount);
        }
        Stampede stampede = new Stampede(threadCount, Objects.requireNonNull(reader, "reader"),
                Objects.requireNonNull(name, "name"));
        stampede.threads.forEach(Thread::start);
        stampede.await(stampede.ready, "start");
        return stampede;
    }

    /**
     * Lets every thread read at once and waits for all reads.
     *
     * @throws IllegalStateException if a read failed (with that failure as the cause) or the round
     *     took longer than 30 seconds
     */
    public void release() {
        gate.countDown();
        await(done, "finish");
        Throwable failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("A read of the stampede failed", failure);
        }
    }

    private void readAtGate(SecretReader reader, String name) {
        try {
            ready.countDown();
            gate.await();
            Objects.requireNonNull(reader.read(name), "read returned null");
        } catch (Throwable e) {
            firstFailure.compareAndSet(null, e);
        } finally {
            done.countDown();
        }
    }

    private void await(CountDownLatch latch, String step) {
        try {
            if (!latch.await(ROUND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                threads.forEach(Thread::interrupt);
                throw new IllegalStateException("The stampede threads did not " + step + " within " + ROUND_LIMIT
                        + "; " + latch.getCount() + " of " + threads.size() + " are still running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the stampede threads to " + step, e);
        }
    }
}
