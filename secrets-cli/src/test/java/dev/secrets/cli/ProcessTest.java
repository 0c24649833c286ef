package dev.secrets.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command as a real child process: exit status, standard output and standard error. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessTest {

    @TempDir
    Path temp;

    private record Outcome(int status, String out, String err) {
    }

    /** Runs {@code dev.secrets.cli.Main} in a new JVM on the test class path, with {@code stdin} piped in. */
    private Outcome run(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("SECRETS"));
        environment.put("SECRETS_HOME", temp.resolve("home").toString());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(UTF_8));
        process.getOutputStream().close();

        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Outcome(process.exitValue(), out, err);
    }

    @Test
    void addFromStdinThenRevealInChildProcess() throws Exception {
        Outcome added = run("hunter2\n", "secret", "add", "geheim");
        Outcome resolved = run("", "resolve", "geheim");
        Outcome revealed = run("", "resolve", "--reveal", "geheim");

        assertEquals(0, added.status(), added::toString);
        assertTrue(added.out().startsWith("Added secret 'geheim'"), added::toString);
        assertEquals("", added.err());
        assertEquals("geheim\tdefault\t***\n", resolved.out());
        assertEquals(0, revealed.status(), revealed::toString);
        assertEquals("hunter2\n", revealed.out());
    }

    @Test
    void usageErrorExitsWithTwo() throws Exception {
        Outcome outcome = run("", "secret", "add", "geheim", "--value=a", "--file=b");

        assertEquals(2, outcome.status(), outcome::toString);
        assertEquals("", outcome.out());
        assertTrue(outcome.err().startsWith("error: an option was repeated, or options that exclude each other were "
                + "given together (options given: --value, --file)."), outcome::toString);
    }

    @Test
    void failureExitsWithOne() throws Exception {
        Outcome outcome = run("", "resolve", "absent");

        assertEquals(1, outcome.status(), outcome::toString);
        assertEquals("", outcome.out());
        assertTrue(outcome.err().startsWith("error: absent: Secret 'absent' was not found"), outcome::toString);
    }

    @Test
    void emptyStdinIsRejected() throws Exception {
        Outcome outcome = run("", "secret", "add", "geheim");

        assertEquals(2, outcome.status(), outcome::toString);
        assertTrue(outcome.err().contains("is empty"), outcome::toString);
    }

    @Test
    void versionExitsWithZero() throws Exception {
        Outcome outcome = run("", "--version");

        assertEquals(0, outcome.status(), outcome::toString);
        assertTrue(outcome.out().startsWith("secrets "), outcome::toString);
    }

    @Test
    void serveRunsUntilTerminated() throws Exception {
        Path data = temp.resolve("data");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port=0",
                "--data=" + data).start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(server.getInputStream(), UTF_8));
            String endpoint = lines.readLine().replaceFirst("^export SECRETS_PLATFORM_ENDPOINT=", "");
            String userKey = lines.readLine().replaceFirst("^export SECRETS_USER_KEY=", "");
            String workspace = lines.readLine().replaceFirst("^export SECRETS_WORKSPACE=", "");

            CliRun.Result added = new CliRun(temp.resolve("home")).run("secret", "add", "geheim", "--value=x",
                    "--endpoint=" + endpoint, "--user-key=" + userKey, "--workspace=" + workspace);
            server.destroy();

            assertEquals(0, added.status(), added::toString);
            assertTrue(server.waitFor(60, TimeUnit.SECONDS));
            assertTrue(Files.exists(data.resolve(workspace + ".secrets")));
        } finally {
            server.destroyForcibly();
        }
    }
}
