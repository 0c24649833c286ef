package dev.secrets.it.support;

import dev.secrets.cli.CliContext;
import dev.secrets.cli.SecretsCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the {@code secrets} command in this JVM with its own environment, standard input and
 * output streams, and no terminal, so its logging reaches the capturing SLF4J provider.
 */
public final class InProcessCli {

    private final Map<String, String> environment = new HashMap<>();
    private final Path home;
    private byte[] stdin = new byte[0];

    /** A command whose embedded store lives in {@code secretsHome}; the user's home is its parent. */
    public InProcessCli(Path secretsHome) {
        this.home = secretsHome.toAbsolutePath().getParent();
        environment.put("SECRETS_HOME", secretsHome.toString());
    }

    /** Sets an environment variable for later runs. */
    public InProcessCli env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Sets standard input for later runs. */
    public InProcessCli stdin(byte[] value) {
        this.stdin = value.clone();
        return this;
    }

    /** Runs the command with {@code args} and returns what it printed and its exit status. */
    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(environment, home, new ByteArrayInputStream(stdin), Optional.empty(),
                out, err);

        int status = SecretsCli.execute(context, args);

        return new Result(String.join(" ", args), status, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** What one run printed, and its exit status. */
    public record Result(String command, int status, String out, String err) {

        /** Returns the command line, status and both outputs, for assertion messages. */
        @Override
        public String toString() {
            return "secrets " + command + "\nstatus " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
