package dev.secrets.testkit.cache;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures what is written to {@link System#err}, where the test logging backend (slf4j-simple)
 * writes, until closed. The backend looks up {@code System.err} for every line, so lines logged
 * while this is open are captured.
 */
final class CapturedStandardError implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    CapturedStandardError() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Returns how often {@code fragment} occurs in the captured text. */
    int count(String fragment) {
        Matcher matcher = Pattern.compile(Pattern.quote(fragment)).matcher(text());
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        System.setErr(original);
        original.print(text());
    }
}
