package dev.secrets.cli;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretConfigurationException;
import dev.secrets.internal.file.AtomicFiles;
import dev.secrets.testkit.platform.LocalPlatformServer;
import dev.secrets.testkit.platform.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code secrets serve}: runs the local platform server with one workspace whose built-in store
 * is an encrypted file store, until the process is stopped or the command's thread interrupted.
 */
@Command(name = "serve", description = {"Runs the local platform server on 127.0.0.1 with one workspace.",
    "The workspace's built-in store is an encrypted file store in the data directory, so its secrets survive "
            + "restarts. The workspace id is kept there too; a new user key and node token are made at every "
            + "start and printed with the endpoint. Stops on Ctrl-C."})
final class ServeCommand extends BaseCommand implements Callable<Integer> {

    private static final Pattern WORKSPACE_ID = Pattern.compile("t-[a-z0-9]{8}");
    private static final String WORKSPACE_FILE = "workspace-id";
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Sets the TCP port on 127.0.0.1; 0 picks a free one. By default, ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data", paramLabel = "DIR", description = "Sets the directory of the workspace's "
            + "encrypted store, its key and its id. By default, $SECRETS_HOME/serve.")
    Path data;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new UsageException("Invalid port " + port + ": use 0 to 65535.");
        }
        Path directory = data != null ? data : context().secretsHome().resolve("serve");
        String workspaceId = workspaceId(directory);
        diagnostic("serving workspace " + workspaceId + " from " + directory);
        try (LocalPlatformServer server = LocalPlatformServer.builder()
                .port(port)
                .environment(context().environment())
                .builtinStoreFactory(id -> FileSecretStore.builder().directory(directory).storeName(id).build())
                .start()) {
            Workspace workspace = server.createWorkspace(workspaceId);
            printConnection(server, workspace);
            awaitStop(server);
        } catch (UncheckedIOException e) {
            throw new SecretConfigurationException("The local platform server could not listen on 127.0.0.1:" + port
                    + ": " + e.getCause().getMessage() + ". Choose another port with --port, or 0 for a free one.", e);
        } catch (InterruptedException e) {
            context().err().println("Stopped.");
            return 0;
        }
        return 0;
    }

    /**
     * Blocks until this thread is interrupted (in-process callers) or the JVM shuts down on
     * Ctrl-C, when a shutdown hook closes the server, so its file stores are closed either way.
     */
    private static void awaitStop(LocalPlatformServer server) throws InterruptedException {
        Thread hook = new Thread(server::close, "secrets-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            new CountDownLatch(1).await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already shutting down and runs the hook itself.
            }
        }
    }

    private void printConnection(LocalPlatformServer server, Workspace workspace) {
        context().out().println("export SECRETS_PLATFORM_ENDPOINT=" + server.uri());
        context().out().println("export SECRETS_USER_KEY=" + workspace.userKey());
        context().out().println("export SECRETS_WORKSPACE=" + workspace.id());
        context().out().println("# node token: " + workspace.nodeToken());
        context().err().println("Local platform server listening on " + server.uri() + ". Press Ctrl-C to stop.");
    }

    /** Reads the workspace id kept in {@code directory}, or makes and keeps a new one. */
    private static String workspaceId(Path directory) {
        Path file = directory.resolve(WORKSPACE_FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!WORKSPACE_ID.matcher(id).matches()) {
                    throw new SecretConfigurationException("The file " + file + " does not contain a workspace id "
                            + "(t- and eight characters from a-z0-9). Delete it to get a new workspace, or restore it.");
                }
                return id;
            }
            AtomicFiles.createDirectories(directory);
            String id = "t-" + randomSuffix();
            AtomicFiles.replace(file, (id + "\n").getBytes(StandardCharsets.US_ASCII));
            return id;
        } catch (IOException e) {
            throw new SecretConfigurationException("The data directory " + directory + " could not be prepared: " + e
                    + ". Choose a directory you can write to with --data.", e);
        }
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            suffix.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return suffix.toString();
    }
}
