package dev.secrets.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secrets serve} in-process: the printed connection works for the platform mode of the
 * CLI and for a node resolving through the {@code platform} store, and the workspace's secrets
 * survive a restart on the same data directory.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeCommandTest {

    @TempDir
    Path temp;

    /** A running {@code serve} command and the settings it printed. */
    private static final class Serving implements AutoCloseable {

        final Map<String, String> settings = new HashMap<>();
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final Thread thread;

        Serving(Path data, Path home) throws Exception {
            PipedInputStream printed = new PipedInputStream(64 * 1024);
            PipedOutputStream stdout = new PipedOutputStream(printed);
            CliContext context = new CliContext(Map.of("SECRETS_HOME", home.toString()), home,
                    new ByteArrayInputStream(new byte[0]), Optional.empty(), stdout, new ByteArrayOutputStream());
            thread = new Thread(() -> status.complete(SecretsCli.execute(context, "serve", "--port=0",
                    "--data=" + data)));
            thread.start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(printed, UTF_8));
            for (int i = 0; i < 4; i++) {
                String line = lines.readLine();
                String[] parts = line.replaceFirst("^export ", "").replaceFirst("^# node token: ", "NODE_TOKEN=")
                        .split("=", 2);
                settings.put(parts[0], parts[1]);
            }
        }

        CliRun cli(Path home) {
            return new CliRun(home)
                    .env("SECRETS_PLATFORM_ENDPOINT", settings.get("SECRETS_PLATFORM_ENDPOINT"))
                    .env("SECRETS_USER_KEY", settings.get("SECRETS_USER_KEY"))
                    .env("SECRETS_WORKSPACE", settings.get("SECRETS_WORKSPACE"));
        }

        @Override
        public void close() throws Exception {
            thread.interrupt();
            assertEquals(0, status.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void servedWorkspaceIsManagedAndResolved() throws Exception {
        Path data = temp.resolve("data");
        Path home = temp.resolve("home");
        try (Serving serving = new Serving(data, home)) {
            CliRun cli = serving.cli(home);

            CliRun.Result added = cli.run("secret", "add", "geheim", "--value=hunter2");
            CliRun.Result listed = cli.run("secret", "list");
            Path config = temp.resolve("node.json");
            Files.writeString(config, "{\"stores\": [{\"type\": \"platform\", \"endpoint\": \""
                    + serving.settings.get("SECRETS_PLATFORM_ENDPOINT") + "\", \"node-token\": \""
                    + serving.settings.get("NODE_TOKEN") + "\"}]}");
            CliRun.Result resolved = new CliRun(home).run("resolve", "--config", config.toString(), "--reveal",
                    "geheim");

            assertEquals(0, added.status(), added::toString);
            assertTrue(listed.out().contains("geheim"), listed::toString);
            assertEquals(0, resolved.status(), resolved::toString);
            assertEquals("hunter2\n", resolved.out());
            assertTrue(serving.settings.get("SECRETS_PLATFORM_ENDPOINT").startsWith("http://127.0.0.1:"));
            assertTrue(serving.settings.get("SECRETS_WORKSPACE").matches("t-[a-z0-9]{8}"));
        }
    }

    @Test
    void workspaceSurvivesRestart() throws Exception {
        Path data = temp.resolve("data");
        Path home = temp.resolve("home");
        String firstWorkspace;
        try (Serving first = new Serving(data, home)) {
            firstWorkspace = first.settings.get("SECRETS_WORKSPACE");
            assertEquals(0, first.cli(home).run("secret", "add", "kept", "--value=v").status());
        }

        try (Serving second = new Serving(data, home)) {
            CliRun.Result listed = second.cli(home).run("secret", "list", "--json");

            assertEquals(firstWorkspace, second.settings.get("SECRETS_WORKSPACE"));
            assertTrue(listed.out().contains("\"kept\""), listed::toString);
        }
        assertTrue(Files.exists(data.resolve(firstWorkspace + ".secrets")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("key"))));
    }

    @Test
    void invalidPortIsUsageError() {
        CliRun.Result result = new CliRun(temp.resolve("home")).run("serve", "--port=70000");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("Invalid port 70000"), result::toString);
    }

    @Test
    void corruptWorkspaceFileFails() throws Exception {
        Path data = temp.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("workspace-id"), "nonsense\n");

        CliRun.Result result = new CliRun(temp.resolve("home")).run("serve", "--port=0", "--data=" + data);

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().contains("does not contain a workspace id"), result::toString);
        assertEquals(List.of("nonsense"), Files.readAllLines(data.resolve("workspace-id")));
    }
}
