package dev.secrets.cli;

import dev.secrets.SecretValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The options that give a secret's value; at most one may be used. Without any, the value is
 * read from the terminal without echo, or from standard input when it is not a terminal.
 */
final class ValueSource {

    @Option(names = "--value", paramLabel = "VALUE", required = true,
            description = "Sets the value to this text. Other users may see it in the process list and it may stay "
                    + "in the shell history; prefer --file, --env or the prompt.")
    String value;

    @Option(names = "--file", paramLabel = "FILE", required = true,
            description = "Sets the value to the exact bytes of FILE, including any trailing newline.")
    Path file;

    @Option(names = "--env", paramLabel = "VAR", required = true,
            description = "Sets the value to the content of environment variable VAR.")
    String variable;

    /**
     * Reads the value chosen by the options of {@code source}, which may be null when none was
     * given.
     *
     * @throws UsageException if the value is empty, over {@link SecretValue#MAX_SIZE} bytes, or its
     *     source cannot be read
     */
    static byte[] read(ValueSource source, CliContext context, String name) {
        byte[] value = source == null ? readInteractive(context, name) : source.readOption(context);
        if (value.length == 0) {
            throw new UsageException("The value for secret '" + name + "' is empty. Secrets cannot be empty; give a "
                    + "value with --value, --file, --env, or type it at the prompt.");
        }
        if (value.length > SecretValue.MAX_SIZE) {
            Arrays.fill(value, (byte) 0);
            throw new UsageException("The value for secret '" + name + "' is over the limit of "
                    + SecretValue.MAX_SIZE + " bytes. Keep large data elsewhere and store only "
                    + "its key or location as a secret.");
        }
        return value;
    }

    private byte[] readOption(CliContext context) {
        if (value != null) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        if (variable != null) {
            return context.variable(variable).map(text -> text.getBytes(StandardCharsets.UTF_8))
                    .orElseThrow(() -> new UsageException("The environment variable " + variable
                            + " is not set or empty; export it before running the command, or use another value "
                            + "option."));
        }
        try {
            return readLimited(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("The value file " + file + " does not exist.");
        } catch (IOException e) {
            throw new UsageException("The value file " + file + " could not be read: " + e.getMessage());
        }
    }

    private static byte[] readInteractive(CliContext context, String name) {
        Optional<Function<String, char[]>> terminal = context.terminal();
        if (terminal.isPresent()) {
            char[] typed = terminal.get().apply("Value for secret '" + name + "' (not shown): ");
            if (typed == null) {
                throw new UsageException("No value was entered for secret '" + name + "' (end of input).");
            }
            try (SecretValue value = SecretValue.ofUtf8(typed)) {
                return value.asBytes();
            } finally {
                Arrays.fill(typed, '\0');
            }
        }
        try {
            return stripOneNewline(readLimited(context.stdin()));
        } catch (IOException e) {
            throw new UsageException("Standard input could not be read: " + e.getMessage());
        }
    }

    /**
     * Reads at most one byte more than {@link SecretValue#MAX_SIZE}, enough for the store to
     * reject an oversized value with its limit, without reading an endless input.
     */
    private static byte[] readLimited(InputStream input) throws IOException {
        try (input) {
            return input.readNBytes(SecretValue.MAX_SIZE + 1 + 2);
        }
    }

    /** Removes one trailing {@code \n} or {@code \r\n}, which {@code echo} and editors append. */
    static byte[] stripOneNewline(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        if (end == bytes.length) {
            return bytes;
        }
        byte[] stripped = Arrays.copyOf(bytes, end);
        Arrays.fill(bytes, (byte) 0);
        return stripped;
    }
}
