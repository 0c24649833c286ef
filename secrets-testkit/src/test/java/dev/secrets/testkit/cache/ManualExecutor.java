package dev.secrets.testkit.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** An executor that queues tasks until the test runs them, so background work happens at a known point. */
final class ManualExecutor implements Executor {

    private final List<Runnable> queued = new ArrayList<>();

    @Override
    public synchronized void execute(Runnable task) {
        queued.add(task);
    }

    synchronized int queued() {
        return queued.size();
    }

    /** Runs every queued task in the calling thread, and returns how many ran. */
    int runAll() {
        List<Runnable> tasks;
        synchronized (this) {
            tasks = new ArrayList<>(queued);
            queued.clear();
        }
        tasks.forEach(Runnable::run);
        return tasks.size();
    }
}
