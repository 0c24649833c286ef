package dev.secrets.it.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every log event of the test JVM, as text: the formatted message and the throwable's stack trace
 * with all causes and suppressed exceptions. Leak tests search it for canary values.
 */
public final class CapturedLogs {

    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private CapturedLogs() {
    }

    static void record(String event) {
        EVENTS.add(event);
    }

    /** Returns a snapshot of every event recorded so far. */
    public static List<String> events() {
        return new ArrayList<>(EVENTS);
    }

    /** Returns how many events were recorded so far. */
    public static int size() {
        return EVENTS.size();
    }
}
