package dev.secrets.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the command in-process with an injected environment, home, standard input and terminal,
 * and captures its exit status and output.
 */
final class CliRun {

    private final Map<String, String> environment = new HashMap<>();
    private final Path userHome;
    private byte[] stdin = new byte[0];
    private Function<String, char[]> terminal;

    /** A run whose embedded store lives in {@code secretsHome} and whose home is its parent. */
    CliRun(Path secretsHome) {
        this.userHome = secretsHome.getParent();
        environment.put("SECRETS_HOME", secretsHome.toString());
    }

    CliRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    CliRun withoutEnv(String name) {
        environment.remove(name);
        return this;
    }

    CliRun stdin(String text) {
        this.stdin = text.getBytes(UTF_8);
        return this;
    }

    CliRun terminal(Function<String, char[]> value) {
        this.terminal = value;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(environment, userHome, new ByteArrayInputStream(stdin),
                Optional.ofNullable(terminal), out, err);

        int status = SecretsCli.execute(context, args);

        return new Result(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    /** What a run produced. */
    record Result(int status, String out, String err) {

        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
