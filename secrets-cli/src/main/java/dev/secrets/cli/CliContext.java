package dev.secrets.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The inputs and outputs of a command besides its arguments: the environment, the user's home,
 * standard input, the terminal and the two output streams. Tests pass their own, so no command
 * depends on the machine's variables or terminal.
 */
public final class CliContext {

    private final Map<String, String> environment;
    private final Path userHome;
    private final InputStream stdin;
    private final Optional<Function<String, char[]>> terminal;
    private final OutputStream stdout;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * Creates a context.
     *
     * @param environment the environment variables
     * @param userHome the user's home directory, for the default {@code SECRETS_HOME}
     * @param stdin standard input, read when a value comes neither from an option nor a terminal
     * @param terminal reads a line without echo from the terminal after printing the given
     *     prompt; empty when standard input is not a terminal
     * @param stdout standard output
     * @param stderr standard error
     */
    public CliContext(Map<String, String> environment, Path userHome, InputStream stdin,
            Optional<Function<String, char[]>> terminal, OutputStream stdout, OutputStream stderr) {
        this.environment = Map.copyOf(environment);
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
        this.err = new PrintWriter(Objects.requireNonNull(stderr, "stderr"), true, StandardCharsets.UTF_8);
    }

    /** Returns the context of this process: its environment, home, streams and console. */
    public static CliContext system() {
        java.io.Console console = System.console();
        Optional<Function<String, char[]>> terminal = console == null ? Optional.empty()
                : Optional.of(prompt -> console.readPassword("%s", prompt));
        return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), System.in, terminal,
                System.out, System.err);
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** Returns an environment variable that is set and not empty. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isEmpty());
    }

    /** Returns the directory of the embedded default store: {@code $SECRETS_HOME}, else {@code ~/.local/share/secrets}. */
    public Path secretsHome() {
        return variable("SECRETS_HOME").map(Path::of).orElse(userHome.resolve(".local/share/secrets"));
    }

    InputStream stdin() {
        return stdin;
    }

    Optional<Function<String, char[]>> terminal() {
        return terminal;
    }

    /** Returns standard output as text, UTF-8, flushed at every line. */
    PrintWriter out() {
        return out;
    }

    /** Returns standard output as bytes, for values that may be binary. Flush {@link #out()} first. */
    OutputStream rawOut() {
        return stdout;
    }

    /** Returns standard error as text, UTF-8, flushed at every line. */
    PrintWriter err() {
        return err;
    }
}
