package dev.secrets.internal.file;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretName;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The child process of the cross-process tests. Arguments: the store directory, then
 * {@code add <prefix> <count>} to wait for a line on standard input and add {@code count}
 * secrets, or {@code rewrite <name>} to update one secret with ever larger counters until killed,
 * printing each committed counter.
 */
public final class FileStoreWriterProcess {

    private FileStoreWriterProcess() {
    }

    /** Returns the value that the rewrite loop stores for {@code counter}: 60,000 bytes. */
    static byte[] rewriteValue(long counter) {
        byte[] value = new byte[60_000];
        Arrays.fill(value, (byte) ('a' + counter % 26));
        byte[] number = Long.toString(counter).getBytes(UTF_8);
        System.arraycopy(number, 0, value, 0, number.length);
        value[number.length] = ':';
        return value;
    }

    public static void main(String[] args) throws Exception {
        try (FileSecretStore store = FileSecretStore.builder().directory(Path.of(args[0])).build()) {
            if ("add".equals(args[1])) {
                System.out.println("ready");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, UTF_8)).readLine();
                int count = Integer.parseInt(args[3]);
                for (int i = 0; i < count; i++) {
                    store.add(SecretName.of(args[2] + i), ("value-" + i).getBytes(UTF_8)).join();
                }
                System.out.println("done");
            } else {
                SecretName name = SecretName.of(args[2]);
                for (long counter = 1; ; counter++) {
                    store.update(name, rewriteValue(counter)).join();
                    System.out.println(counter);
                    System.out.flush();
                }
            }
        }
    }
}
