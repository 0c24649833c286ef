package dev.secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Replaces known secret values by {@code ***} in diagnostic text, such as an error message from
 * a server that echoed a request back.
 *
 * <pre>{@code
 * try (ResolvedSecrets resolved = secrets.resolve(authorization)) {
 *     try {
 *         send(resolved.get(authorization));
 *     } catch (IOException e) {
 *         log.warn("Request failed: {}", resolved.censor().censor(e.getMessage()));
 *     }
 * }
 * }</pre>
 *
 * <p>A censor only finds exact, complete occurrences of the UTF-8 text of its values. It misses a
 * part of a value, a value in another case or encoding, and a value split across lines. It
 * reduces the damage of a leak, but it is no licence to put secrets into messages. Empty values are skipped, because they would match everywhere, and so are values
 * that are not valid UTF-8, because no Java string contains them as they are. At each position the
 * longest matching value wins, so a value that contains another is censored whole.
 *
 * <p>A censor made by {@code Secrets.resolve(Secret...)} replaces the value of every resolved
 * reference, the output of every encode, decode and concatenation step, and the value of every
 * expression. It leaves the literals of an expression alone, unless a literal is a whole
 * expression.
 *
 * <p>Instances are thread-safe. {@link #close()} wipes the values, and a closed censor throws
 * {@link IllegalStateException} instead of returning text it could not censor.
 */
public final class SecretCensor implements AutoCloseable {

    private static final String REDACTED = "***";

    /** Values by their first character, longest first within each list. */
    private final Map<Character, List<char[]>> valuesByFirstChar;
    private final int count;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private SecretCensor(List<char[]> values) {
        Map<Character, List<char[]>> index = new HashMap<>();
        values.sort(Comparator.comparingInt((char[] value) -> value.length).reversed());
        int distinct = 0;
        for (char[] value : values) {
            List<char[]> sameStart = index.computeIfAbsent(value[0], first -> new ArrayList<>());
            if (sameStart.stream().anyMatch(known -> Arrays.equals(known, value))) {
                Arrays.fill(value, '\0');
            } else {
                sameStart.add(value);
                distinct++;
            }
        }
        this.valuesByFirstChar = index;
        this.count = distinct;
    }

    /**
     * Returns a censor for {@code values}. The values are copied, so closing them later does not
     * affect the censor.
     *
     * @throws IllegalStateException if one of the values was closed
     */
    public static SecretCensor of(Collection<SecretValue> values) {
        Objects.requireNonNull(values, "values");
        List<byte[]> bytes = new ArrayList<>(values.size());
        try {
            for (SecretValue value : values) {
                bytes.add(Objects.requireNonNull(value, "values contains null").asBytes());
            }
            return ofBytes(bytes);
        } finally {
            bytes.forEach(array -> Arrays.fill(array, (byte) 0));
        }
    }

    /** Returns a censor for the UTF-8 text of each array. The arrays are read, not kept. */
    static SecretCensor ofBytes(Collection<byte[]> values) {
        List<char[]> texts = new ArrayList<>(values.size());
        for (byte[] value : values) {
            char[] text = decodeUtf8(value);
            if (text.length > 0) {
                texts.add(text);
            }
        }
        return new SecretCensor(texts);
    }

    /**
     * Returns {@code message} with every occurrence of a known value replaced by {@code ***}.
     *
     * @throws IllegalStateException if the censor was closed
     */
    public String censor(CharSequence message) {
        Objects.requireNonNull(message, "message");
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("The censor was closed and its values were wiped; it can no longer "
                        + "censor messages. Censor before closing the resolved secrets.");
            }
            return replaceValues(message);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Returns the number of distinct values this censor replaces. */
    public int size() {
        return count;
    }

    /** Wipes the values. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            valuesByFirstChar.values().forEach(values -> values.forEach(value -> Arrays.fill(value, '\0')));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Returns the number of values, never the values. */
    @Override
    public String toString() {
        return "SecretCensor[" + count + " values]";
    }

    private String replaceValues(CharSequence message) {
        StringBuilder censored = new StringBuilder(message.length());
        int position = 0;
        while (position < message.length()) {
            int matched = longestMatchAt(message, position);
            if (matched > 0) {
                censored.append(REDACTED);
                position += matched;
            } else {
                censored.append(message.charAt(position));
                position++;
            }
        }
        return censored.toString();
    }

    /** Returns the length of the longest value at {@code position}, or 0 when none matches. */
    private int longestMatchAt(CharSequence message, int position) {
        List<char[]> candidates = valuesByFirstChar.get(message.charAt(position));
        if (candidates == null) {
            return 0;
        }
        for (char[] candidate : candidates) {
            if (matchesAt(message, position, candidate)) {
                return candidate.length;
            }
        }
        return 0;
    }

    private static boolean matchesAt(CharSequence message, int position, char[] candidate) {
        if (message.length() - position < candidate.length) {
            return false;
        }
        for (int i = 0; i < candidate.length; i++) {
            if (message.charAt(position + i) != candidate[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes strict UTF-8 into a new array, or returns an empty array for bytes that are not UTF-8. */
    private static char[] decodeUtf8(byte[] bytes) {
        try (SecretValue value = SecretValue.of(bytes)) {
            return value.asChars();
        } catch (SecretFormatException e) {
            return new char[0];
        }
    }
}
