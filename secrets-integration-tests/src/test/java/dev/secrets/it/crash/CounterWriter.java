package dev.secrets.it.crash;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretName;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The child process of {@link KilledWriterTest}. Arguments: the store directory and the counter
 * to start from. It updates secret {@code counter} with ever larger counters, and a second secret
 * {@code twin} with the same counter, printing each counter once both writes committed, until it
 * is killed.
 */
public final class CounterWriter {

    static final SecretName COUNTER = SecretName.of("counter");
    static final SecretName TWIN = SecretName.of("twin");

    private CounterWriter() {
    }

    /** Returns the 40,000-byte value stored for {@code counter}: the number, ':' and a fill that depends on it. */
    static byte[] value(long counter) {
        byte[] value = new byte[40_000];
        Arrays.fill(value, (byte) ('a' + counter % 26));
        byte[] number = Long.toString(counter).getBytes(UTF_8);
        System.arraycopy(number, 0, value, 0, number.length);
        value[number.length] = ':';
        return value;
    }

    /** Returns the counter of a stored value. */
    static long counterOf(byte[] value) {
        String text = new String(value, 0, Math.min(value.length, 24), UTF_8);
        return Long.parseLong(text.substring(0, text.indexOf(':')));
    }

    public static void main(String[] args) {
        try (FileSecretStore store = FileSecretStore.builder().directory(Path.of(args[0])).build()) {
            for (long counter = Long.parseLong(args[1]); ; counter++) {
                store.update(COUNTER, value(counter)).join();
                store.update(TWIN, value(counter)).join();
                System.out.println(counter);
                System.out.flush();
            }
        }
    }
}
