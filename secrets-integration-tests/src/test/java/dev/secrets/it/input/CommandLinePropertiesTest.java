package dev.secrets.it.input;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.it.support.InProcessCli;
import dev.secrets.testkit.platform.LocalPlatformServer;
import dev.secrets.testkit.platform.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Runs the {@code secrets} command in-process with random argument lists built from its own words,
 * plausible values and junk. Every run must exit with 0, 1 or 2, never report an unexpected
 * exception, and without {@code -v} never print a stack trace.
 *
 * <p>{@code serve} is left out because it runs until it is stopped. Endpoints are a local
 * platform server, a closed loopback port, or not URLs at all.
 */
class CommandLinePropertiesTest {

    private static Path temp;
    private static LocalPlatformServer platform;
    private static List<String> words;

    @BeforeContainer
    static void prepare() throws IOException {
        temp = Files.createTempDirectory("command-line-properties");
        platform = LocalPlatformServer.start();
        Workspace workspace = platform.createWorkspace();
        Path value = Files.writeString(temp.resolve("value.txt"), "value from a file\n");
        Path config = Files.writeString(temp.resolve("secrets.json"),
                "{\"stores\": [{\"type\": \"config\", \"values\": {\"db\": \"{\\\"user\\\": \\\"app\\\"}\"}}]}");
        Path broken = Files.writeString(temp.resolve("broken.yaml"), "stores: [\n  - type: env\n");
        words = List.of("secret", "add", "update", "delete", "list", "store", "resolve", "set-default", "aws",
                "--json", "--reveal", "--value=v", "--value", "v", "--value=", "--file=" + value,
                "--file=" + temp.resolve("absent"), "--file=" + temp, "--env=VALUE_VAR", "--env=UNSET_VAR", "--env",
                "--store=default", "--store=other", "--store=../x", "--config=" + config, "--config=" + broken,
                "--config=" + temp.resolve("absent.json"), "--region=us-east-1", "--region=",
                "--assumed-role-arn=arn:aws:iam::123456789012:role/r", "--prefix=tenzir/", "--name=n",
                "--external-id=x", "--aws-endpoint=http://127.0.0.1:1", "--endpoint=http://127.0.0.1:1",
                "--endpoint=" + platform.uri(), "--endpoint=ftp://127.0.0.1/", "--endpoint=not a url",
                "--user-key=" + workspace.userKey(), "--user-key=wrong", "--workspace=" + workspace.id(),
                "--workspace=t-bad", "-v", "--verbose", "--help", "-h", "--version", "-V", "--", "-", "db",
                "db:user", "db:", ":user", "a b", "", "x".repeat(600), "\u00e9", "-x", "--unknown=1", "sec-0",
                "st-0", "default");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        platform.close();
        try (Stream<Path> paths = Files.walk(temp)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Property(tries = 300)
    void everyArgumentListExitsCleanly(@ForAll("argumentLists") List<String> args) {
        InProcessCli cli = new InProcessCli(temp.resolve("home")).env("VALUE_VAR", "value from a variable");

        InProcessCli.Result result = cli.run(args.toArray(String[]::new));

        Statistics.collect("status " + result.status());
        assertTrue(List.of(0, 1, 2).contains(result.status()), result::toString);
        assertFalse(result.err().contains("failed unexpectedly"), result::toString);
        boolean verbose = args.contains("-v") || args.contains("--verbose");
        if (!verbose) {
            assertFalse(result.err().contains("\tat "), "stack trace without -v:\n" + result);
        }
    }

    /** Mostly the command's own words in random order, sometimes led by a real command path. */
    @Provide
    Arbitrary<List<String>> argumentLists() {
        Arbitrary<String> word = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of(words)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
        Arbitrary<List<String>> lead = Arbitraries.of(List.of(), List.of("secret", "add"), List.of("secret", "update"),
                List.of("secret", "delete"), List.of("secret", "list"), List.of("secret", "store", "add", "aws"),
                List.of("secret", "store", "list"), List.of("secret", "store", "set-default"),
                List.of("secret", "store", "delete"), List.of("resolve"));
        return Combinators.combine(lead, word.list().ofMaxSize(6)).as((start, rest) -> {
            List<String> args = new ArrayList<>(start);
            args.addAll(rest);
            return args;
        });
    }
}
