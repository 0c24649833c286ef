package dev.secrets.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the executor a {@code Secrets} instance owns for blocking store work. */
public final class SecretsExecutors {

    private SecretsExecutors() {
    }

    /**
     * Returns a virtual-thread-per-task executor on JDK 21 and later, otherwise a cached pool of
     * daemon threads named {@code secrets-io-N}. Blocking I/O then never occupies the common pool.
     */
    public static ExecutorService newIoExecutor() {
        try {
            Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) factory.invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newCachedThreadPool(daemonThreads("secrets-io-"));
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
