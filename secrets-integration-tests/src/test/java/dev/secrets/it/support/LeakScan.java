package dev.secrets.it.support;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.secrets.it.logging.CapturedLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.function.Executable;

/**
 * Collects every rendering a user could see (exception text with causes and suppressed
 * exceptions, {@code toString()} of objects, command output) and checks it, together with every
 * log event captured so far, for canaries in any of their forms.
 *
 * <pre>{@code
 * LeakScan scan = new LeakScan(value, token);
 * scan.expect(SecretNotFoundException.class, () -> secrets.resolve("missing"));
 * scan.object("chain", secrets);
 * scan.assertClean();
 * }</pre>
 */
public final class LeakScan {

    private final List<Canary> canaries;
    private final List<String[]> texts = new ArrayList<>();

    public LeakScan(Canary... canaries) {
        this.canaries = new ArrayList<>(List.of(canaries));
    }

    /** Looks for {@code canary} too. */
    public LeakScan watch(Canary canary) {
        canaries.add(canary);
        return this;
    }

    /** Records the full text of {@code failure}: every message, cause, suppressed exception and frame. */
    public LeakScan throwable(String label, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        texts.add(new String[] {label + " (stack trace)", trace.toString()});
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        recordMessages(label, failure, seen);
        return this;
    }

    private void recordMessages(String label, Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return;
        }
        texts.add(new String[] {label + " (" + failure.getClass().getName() + ")",
                failure.getMessage() + "\n" + failure.getLocalizedMessage() + "\n" + failure});
        recordMessages(label, failure.getCause(), seen);
        for (Throwable suppressed : failure.getSuppressed()) {
            recordMessages(label, suppressed, seen);
        }
    }

    /**
     * Runs {@code action}, asserts that it throws {@code type}, records the exception and returns
     * it.
     */
    public <T extends Throwable> T expect(Class<T> type, Executable action) {
        T failure = assertThrows(type, action);
        throwable(type.getSimpleName(), failure);
        return failure;
    }

    /** Records {@code String.valueOf(object)}. */
    public LeakScan object(String label, Object object) {
        texts.add(new String[] {label + " (toString)", String.valueOf(object)});
        return this;
    }

    /** Records any other text, such as command output. */
    public LeakScan text(String label, String text) {
        texts.add(new String[] {label, text});
        return this;
    }

    /** Returns the number of texts recorded, log events not counted. */
    public int size() {
        return texts.size();
    }

    /**
     * Returns one line per hit, {@code <where>: <canary label> as <form> in '<excerpt>'}; empty when no recorded
     * text and no captured log event contains a canary.
     */
    public List<String> findings() {
        List<String[]> all = new ArrayList<>(texts);
        List<String> events = CapturedLogs.events();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            int colon = event.indexOf(": ");
            all.add(new String[] {"log event " + i + " (" + event.substring(0, Math.max(colon, 0)) + ")", event});
        }
        List<String> findings = new ArrayList<>();
        for (String[] text : all) {
            for (Canary canary : canaries) {
                for (Map.Entry<String, String> form : canary.forms().entrySet()) {
                    int at = text[1] == null ? -1 : text[1].indexOf(form.getValue());
                    if (at >= 0) {
                        findings.add(text[0] + ": " + canary.label() + " as " + form.getKey() + " in '"
                                + excerpt(text[1], at) + "'");
                    }
                }
            }
        }
        return findings;
    }

    private static String excerpt(String text, int at) {
        String excerpt = text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
        return excerpt.replace('\n', ' ');
    }

    /** Fails, naming where each canary appeared, if any recorded text or log event contains one. */
    public void assertClean() {
        assertCleanExcept(finding -> false);
    }

    /**
     * Fails as {@link #assertClean()} does, ignoring findings that {@code known} accepts: a leak
     * that the library cannot prevent and documents.
     */
    public void assertCleanExcept(Predicate<String> known) {
        List<String> findings = findings().stream().filter(known.negate()).toList();
        if (!findings.isEmpty()) {
            fail("Secret values leaked into " + findings.size() + " renderings:\n" + String.join("\n", findings));
        }
    }
}
