package dev.secrets.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats the durations of configuration files. */
public final class Durations {

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or an ISO-8601 duration
     * such as {@code PT5M}. Negative durations are rejected.
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher matcher = SHORT_FORM.matcher(trimmed.toLowerCase(Locale.ROOT));
        Duration duration;
        if (matcher.matches()) {
            duration = fromUnit(Long.parseLong(matcher.group(1)), matcher.group(2));
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration; write it as a number with a unit "
                        + "(500ms, 30s, 5m, 1h, 2d) or in ISO-8601 (PT5M)");
            }
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative; durations must be zero or more");
        }
        return duration;
    }

    /** Formats a duration in the short form when it is a whole number of one unit. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (!duration.equals(Duration.ofMillis(millis))) {
            return duration.toString();
        }
        if (millis % 86_400_000L == 0 && millis != 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0 && millis != 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0 && millis != 0) {
            return millis / 60_000L + "m";
        }
        if (millis % 1000L == 0) {
            return millis / 1000L + "s";
        }
        return millis + "ms";
    }

    private static Duration fromUnit(long amount, String unit) {
        try {
            switch (unit) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                case "h":
                    return Duration.ofHours(amount);
                default:
                    return Duration.ofDays(amount);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + amount + unit + "' is too large for a duration");
        }
    }
}
