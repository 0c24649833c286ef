package dev.secrets.it.leak;

import static dev.secrets.it.leak.ChainExercise.BINARY;
import static dev.secrets.it.leak.ChainExercise.JSON;
import static dev.secrets.it.leak.ChainExercise.TEXT;
import static dev.secrets.it.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.CacheOptions;
import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.it.logging.CapturedLogs;
import dev.secrets.it.support.Canary;
import dev.secrets.it.support.HostileServer;
import dev.secrets.it.support.InProcessCli;
import dev.secrets.it.support.LeakScan;
import dev.secrets.platform.PlatformClient;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.ManualTimeSource;
import dev.secrets.testkit.MemorySecretStore;
import dev.secrets.testkit.aws.LocalAwsServer;
import dev.secrets.testkit.platform.LocalPlatformServer;
import dev.secrets.testkit.platform.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolves canary values through every store type and every error path that can be provoked,
 * with every logger at TRACE, and fails if a canary appears in a log event, an exception's text
 * (causes and suppressed exceptions included), the {@code toString()} of an object a caller can
 * reach, or output of the {@code secrets} command without {@code --reveal}.
 */
class LeakCanaryTest {

    private static final String JSON_TYPE = "application/json";
    private static final String SIGNER_PACKAGE = "software.amazon.awssdk.http.auth.aws.internal.signer";
    private static final String SDK_SIGNER_LOGGER = SIGNER_PACKAGE + ".DefaultV4RequestSigner";

    @TempDir
    Path temp;

    private String testName;

    private final LeakCanaries canaries = LeakCanaries.create();
    private final LeakScan scan = canaries.scan();
    private final ChainExercise exercise = new ChainExercise(canaries, scan);

    /**
     * The session token of the AWS test credentials. The AWS SDK's signer logs it at DEBUG, which
     * this library cannot prevent; see {@link #awsStoreLeaksNothing()}.
     */
    private final Canary sessionToken = Canary.create("session");

    @BeforeEach
    void rememberTestName(TestInfo info) {
        testName = info.getTestMethod().map(method -> method.getName()).orElse(info.getDisplayName());
    }

    @Test
    void scanFindsCanaryInEveryRendering() {
        Canary planted = Canary.create("planted");
        LeakScan check = new LeakScan(planted);
        RuntimeException hidden = new RuntimeException("outer");
        hidden.addSuppressed(new IllegalStateException("inner " + planted.forms().get("base64")));
        check.throwable("suppressed", new SecretException("top", hidden));
        check.object("object", List.of(planted.forms().get("HEX")));
        check.text("output", "prefix" + planted.text() + "suffix");

        List<String> findings = check.findings();

        for (String expected : List.of("suppressed (stack trace): planted as base64 ",
                "suppressed (java.lang.IllegalStateException): planted as base64 ",
                "object (toString): planted as HEX ",
                "output: planted as text ")) {
            assertTrue(findings.stream().anyMatch(finding -> finding.startsWith(expected)),
                    expected + "is missing from:\n" + String.join("\n", findings));
        }
    }

    @Test
    void environmentStoreLeaksNothing() {
        Map<String, String> environment = Map.of(
                "SECRETS__LEAK_TEXT", canaries.text().text(),
                "SECRETS__LEAK_JSON", canaries.json(),
                "SECRETS__AMBIGUOUS_NAME", canaries.written().text(),
                "SECRETS__AMBIGUOUS-NAME", canaries.written().text());

        try (Secrets secrets = Secrets.builder().store(StoreConfig.builder("env").build())
                .environment(environment).build()) {
            exercise.reads(secrets, false);
            scan.expect(SecretConfigurationException.class, () -> secrets.resolve("ambiguous-name"));
            assertTrue(secrets.store("env").isEmpty(), "the environment cannot be written");
        }

        assertCleanAfterLogging();
    }

    @Test
    void configurationStoreAndFileLeakNothing() throws IOException {
        Path config = temp.resolve("secrets.yaml");
        Files.writeString(config, "stores:\n  - type: config\n    values:\n"
                + "      leak-text: \"" + canaries.text().text() + "\"\n"
                + "      leak-json: '" + canaries.json() + "'\n");

        try (Secrets secrets = Secrets.fromConfig(config)) {
            exercise.reads(secrets, false);
            assertTrue(secrets.store("config").isEmpty(), "a configuration cannot be written");
        }

        assertCleanAfterLogging();
    }

    @Test
    void invalidConfigurationFilesLeakNothing() throws IOException {
        String value = canaries.written().text();
        List<String> invalid = List.of(
                "{\"stores\": [{\"type\": \"config\", \"values\": {\"a\": \"" + value + "\"}}",
                "{\"stores\": [{\"type\": \"config\", \"values\": {\"a\": \"" + value + "\", \"a\": \"x\"}}]}",
                "{\"stores\": [{\"type\": \"config\", \"valeus\": {\"a\": \"" + value + "\"}}]}",
                "{\"stores\": [{\"type\": \"config\", \"values\": {\"" + value + " \": \"x\"}}]}",
                "{\"stores\": [{\"type\": \"config\", \"values\": [\"" + value + "\"]}]}",
                "{\"stores\": [{\"type\": \"config\", \"values\": {\"a\": {\"b\": \"" + value + "\"}}}]}",
                "{\"stores\": [{\"type\": \"env\", \"variable-prefix\": [\"" + value + "\"]}]}",
                "{\"stores\": [{\"type\": \"no-such-type\", \"values\": {\"a\": \"" + value + "\"}}]}",
                "{\"stores\": [{\"type\": \"platform\", \"endpoint\": \"ftp://127.0.0.1/\", "
                        + "\"node-token\": \"" + canaries.token().text() + "\"}]}",
                "{\"stores\": [{\"type\": \"platform\", \"endpoint\": \"https://127.0.0.1:1/\", "
                        + "\"node-token\": \"" + canaries.token().text() + "\", \"node-token-file\": \"/x\"}]}",
                "{\"stores\": [{\"type\": \"aws\", \"region\": \"us-east-1\", \"access-key-id\": \"AKIA\", "
                        + "\"secret-access-key\": \"" + canaries.token().text() + "\", \"regoin\": 1}]}",
                "stores:\n  - type: config\n    values:\n      a: \"" + value + "\n");
        for (int i = 0; i < invalid.size(); i++) {
            int index = i;
            Path file = temp.resolve("invalid-" + i + (invalid.get(i).startsWith("{") ? ".json" : ".yaml"));
            Files.writeString(file, invalid.get(i));

            scan.throwable("configuration " + i, assertThrows(SecretConfigurationException.class,
                    () -> Secrets.fromConfig(file).close(), invalid.get(index)));
        }

        assertCleanAfterLogging();
    }

    @Test
    void fileStoreLeaksNothing() throws IOException {
        Path directory = temp.resolve("file-store");
        StoreConfig config = StoreConfig.builder("file").option("directory", directory.toString()).build();
        scan.object("file store configuration", config);

        try (Secrets secrets = Secrets.builder().store(config).build()) {
            SecretStore store = secrets.store("file").orElseThrow();
            seed(store);
            exercise.reads(secrets, true);
            exercise.writes(store);
        }
        byte[] stored = Files.readAllBytes(directory.resolve("default.secrets"));
        scan.text("encrypted store file", new String(stored, StandardCharsets.ISO_8859_1));
        Files.write(directory.resolve("default.secrets"), java.util.Arrays.copyOf(stored, stored.length / 2));
        try (Secrets secrets = Secrets.builder().store(config).build()) {
            scan.expect(SecretFormatException.class, () -> secrets.resolve(TEXT));
        }
        Files.write(directory.resolve("default.secrets"), stored);
        Files.writeString(directory.resolve("key"), java.util.Base64.getEncoder().encodeToString(new byte[32]));
        try (Secrets secrets = Secrets.builder().store(config).build()) {
            scan.expect(SecretConfigurationException.class, () -> secrets.resolve(TEXT));
        }

        assertCleanAfterLogging();
    }

    @Test
    void memoryStoreAndItsFailuresLeakNothing() {
        MemorySecretStore memory = MemorySecretStore.builder().name("memory").build();
        seed(memory);
        MemorySecretStore readOnly = MemorySecretStore.builder().name("frozen").readOnly(true).build();

        try (Secrets secrets = Secrets.builder().store("memory", memory).store("frozen", readOnly).build()) {
            exercise.reads(secrets, true);
            exercise.writes(secrets.store("memory").orElseThrow());
            exercise.rejectedWrites(secrets.store("frozen").orElseThrow());
            memory.failNext(1, new SecretAccessDeniedException("The memory store denies this read."));
            scan.expect(SecretAccessDeniedException.class, () -> secrets.resolve(TEXT));
            memory.failNext(1, new SecretStoreUnavailableException("The memory store is down."));
            scan.expect(SecretStoreUnavailableException.class, () -> secrets.resolve(TEXT));
            scan.object("memory store", memory);
        }

        assertCleanAfterLogging();
    }

    @Test
    void cachedStoresLeakNothingWhenServingStaleValues() {
        ManualTimeSource time = new ManualTimeSource();
        MemorySecretStore memory = MemorySecretStore.builder().name("memory").timeSource(time).build();
        seed(memory);
        CacheOptions cache = CacheOptions.builder().ttl(Duration.ofMinutes(1)).staleIfError(Duration.ofHours(1))
                .negativeTtl(Duration.ofSeconds(30)).build();
        StoreConfig cachedConfig = StoreConfig.builder("config").name("cached-config")
                .option("values", Map.of("leak-config", canaries.text().text()))
                .option("cache", Map.of("ttl", "1m")).build();

        try (Secrets secrets = Secrets.builder().store("memory", memory, cache).store(cachedConfig)
                .timeSource(time).build()) {
            exercise.reads(secrets, true);
            exercise.reads(secrets, true);
            assertEquals(canaries.text().text(), secrets.resolve("leak-config").asString());
            time.advance(Duration.ofMinutes(2));
            memory.failNext(100, new SecretStoreUnavailableException("The memory store is down."));
            try (SecretValue stale = secrets.resolve(TEXT)) {
                assertEquals(canaries.text().text(), stale.asString());
            }
            scan.expect(SecretStoreUnavailableException.class, () -> secrets.refresh(TEXT));
            scan.object("cache statistics", secrets.cacheStats());
            scan.object("cached store", secrets.store("memory").orElseThrow());
            assertTrue(secrets.cacheStats().staleAnswers() > 0, secrets.cacheStats().toString());
        }

        assertCleanAfterLogging();
    }

    @Test
    void platformStoreAndClientLeakNothing() {
        Map<String, MemorySecretStore> builtinStores = new ConcurrentHashMap<>();
        try (LocalPlatformServer server = LocalPlatformServer.builder().builtinStoreFactory(id ->
                builtinStores.computeIfAbsent(id, key -> MemorySecretStore.builder().name(key)
                        .readOnly(key.equals("t-rdonly01")).build())).start()) {
            Workspace workspace = server.createWorkspace();
            String userKey = workspace.addUserKey(canaries.token().text() + "-user");
            String nodeToken = workspace.addNodeToken(canaries.token().text() + "-node");
            MemorySecretStore builtin = builtinStores.get(workspace.id());
            builtin.put(BINARY, canaries.binaryValue());

            try (PlatformClient client = PlatformClient.builder().endpoint(server.uri()).userKey(userKey)
                    .workspaceId(workspace.id()).build()) {
                client.addSecret(TEXT, SecretValue.ofUtf8(canaries.text().text()));
                client.addSecret(JSON, SecretValue.ofUtf8(canaries.json()));
                managementErrors(client, server, workspace);
                scan.object("platform client", client);
                scan.object("secret list", client.listSecrets());
                scan.object("store list", client.listStores());
            }
            StoreConfig nodeStore = workspace.nodeStore().option("node-token", nodeToken)
                    .option("request-timeout", "5s").build();
            scan.object("node store configuration", nodeStore);
            try (Secrets secrets = Secrets.builder().store(nodeStore).build()) {
                exercise.reads(secrets, true);
                // The platform store is cached by default, so failures are provoked with forced refreshes.
                builtin.failNext(1, new SecretAccessDeniedException("The built-in store denies this read."));
                scan.expect(SecretAccessDeniedException.class, () -> secrets.refresh(TEXT));
                builtin.failNext(1, new SecretStoreUnavailableException("The built-in store is down."));
                scan.expect(SecretStoreUnavailableException.class, () -> secrets.refresh(TEXT));
                workspace.revokeNodeToken(nodeToken);
                scan.expect(SecretAccessDeniedException.class, () -> secrets.refresh(TEXT));
            }
            scan.object("workspace", workspace);
            scan.object("platform server", server);
        }

        assertCleanAfterLogging();
    }

    private void managementErrors(PlatformClient client, LocalPlatformServer server, Workspace workspace) {
        SecretValue written = SecretValue.ofUtf8(canaries.written().text());
        scan.expect(SecretAlreadyExistsException.class, () -> client.addSecret(TEXT, written));
        scan.expect(SecretNotFoundException.class, () -> client.updateSecret("sec-absent", written));
        scan.expect(SecretFormatException.class, () -> client.addSecret("leak-binary",
                SecretValue.of(canaries.binaryValue())));
        try (PlatformClient wrongKey = PlatformClient.builder().endpoint(server.uri())
                .userKey(canaries.token().text() + "-wrong").workspaceId(workspace.id()).build();
                PlatformClient malformedWorkspace = PlatformClient.builder().endpoint(server.uri())
                        .userKey(canaries.token().text() + "-user").workspaceId("t-NOT-VALID")
                        .build()) {
            scan.expect(SecretAccessDeniedException.class, () -> wrongKey.addSecret("leak-new", written));
            scan.expect(SecretFormatException.class, () -> malformedWorkspace.addSecret("leak-new", written));
            scan.object("client with wrong key", wrongKey);
        }
        Workspace frozen = server.createWorkspace("t-rdonly01");
        try (PlatformClient frozenClient = frozen.client()) {
            scan.expect(ReadOnlySecretStoreException.class, () -> frozenClient.addSecret("leak-new", written));
        }
    }

    @Test
    void hostilePlatformRepliesLeakNothing() {
        String value = canaries.written().text();
        String escaped = value.replace("-", "\\u002d");
        List<HostileServer.Behaviour> echoes = List.of(
                HostileServer.reply(422, JSON_TYPE, "{\"detail\": [{\"loc\": [\"body\", \"value\"], \"msg\": "
                        + "\"Value error, '" + escaped + "' is not allowed\", \"type\": \"value_error\", \"input\": \""
                        + value + "\", \"ctx\": {\"error\": \"" + value + "\"}}]}"),
                HostileServer.reply(400, JSON_TYPE, "{\"detail\": \"Value " + value + " rejected\"}"),
                HostileServer.reply(500, "text/html", "<html>Request failed: " + value + "</html>"),
                HostileServer.reply(200, JSON_TYPE, "{\"secret_id\": 5, \"echo\": \"" + value + "\"}"),
                HostileServer.reply(200, JSON_TYPE, "{\"echo\": \"" + value + "\""),
                HostileServer.reply(200, JSON_TYPE, "{\"secret_id\": " + value + "}"),
                HostileServer.reply(200, JSON_TYPE, "{\"secret_id\": [\"" + value + "\"]}"),
                HostileServer.raw("HTTP/1.1 200 " + value + "\r\nContent-Length: 2\r\n\r\n{}"),
                HostileServer.raw("HTTP/1.1 2x0 OK\r\nX-Echo: " + value + "\r\n\r\n"),
                HostileServer.raw("HTTP/1.1 200 OK\r\n" + value + "\r\nContent-Length: 2\r\n\r\n{}"),
                HostileServer.raw("HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n\r\n{}"),
                HostileServer.raw("HTTP/1.1 " + value + " OK\r\n\r\n"),
                HostileServer.raw(value + "\r\n\r\n"),
                HostileServer.raw("HTTP/1.1 200 OK\r\nBad Header " + value + ": x\r\n\r\n"),
                HostileServer.raw("HTTP/1.1 200 OK\r\nContent-Type: " + value + "\r\nContent-Length: 2\r\n\r\n{}"),
                HostileServer.raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + value + "\r\n"),
                HostileServer.neverAnswer());
        for (HostileServer.Behaviour echo : echoes) {
            try (HostileServer server = HostileServer.start(echo);
                    PlatformClient client = PlatformClient.builder().endpoint(server.uri())
                            .userKey(canaries.token().text()).workspaceId("t-abcd1234")
                            .requestTimeout(Duration.ofSeconds(2)).build()) {
                scan.expect(SecretException.class, () -> client.addSecret("leak-new", SecretValue.ofUtf8(value)));
                try {
                    client.updateSecret("sec-1", SecretValue.ofUtf8(value));
                } catch (SecretException e) {
                    scan.throwable("update", e);
                }
            }
        }

        assertCleanAfterLogging();
    }

    @Test
    void awsStoreLeaksNothing() {
        scan.watch(sessionToken);
        try (LocalAwsServer aws = LocalAwsServer.start()) {
            String keyId = "AKIALEAKCANARY000001";
            aws.addCredentials(keyId, canaries.token().text());
            aws.putSecret(TEXT, canaries.text().text());
            aws.putSecret(JSON, canaries.json());
            aws.putSecret(BINARY, canaries.binaryValue());
            aws.putSecret("leak-denied", canaries.written().text());
            aws.denySecret("leak-denied");
            aws.putSecret("leak-kms", canaries.written().text());
            aws.failDecryption("leak-kms");
            StoreConfig config = awsStore(aws, keyId, canaries.token().text());
            scan.object("aws store configuration", config);

            try (Secrets secrets = Secrets.builder().store(config).build()) {
                exercise.reads(secrets, true);
                exercise.rejectedWrites(secrets.store("aws").orElseThrow());
                scan.object("listing", await(secrets.store("aws").orElseThrow().list()));
                scan.expect(SecretAccessDeniedException.class, () -> secrets.resolve("leak-denied"));
                scan.expect(SecretAccessDeniedException.class, () -> secrets.resolve("leak-kms"));
                // The aws store is cached by default, so failures are provoked with forced refreshes.
                aws.throttleNextCalls(2);
                scan.expect(SecretStoreUnavailableException.class, () -> secrets.refresh(TEXT));
                aws.failNextCalls(2);
                scan.expect(SecretStoreUnavailableException.class, () -> secrets.refresh(TEXT));
                aws.latency(Duration.ofSeconds(2));
                scan.expect(SecretStoreUnavailableException.class, () -> secrets.refresh(TEXT));
                aws.latency(Duration.ZERO);
            }
            try (Secrets wrongKey = Secrets.builder().store(awsStore(aws, keyId, canaries.token().text() + "-wrong"))
                    .build()) {
                scan.expect(SecretAccessDeniedException.class, () -> wrongKey.resolve(TEXT));
                scan.object("chain with wrong key", wrongKey);
            }
            scan.object("aws server", aws);
        }

        // The AWS SDK's signer logs each canonical request, session token included, at DEBUG. The
        // store warns about it; any other rendering of the token, or of a value, is a leak.
        assertTrue(CapturedLogs.events().stream().anyMatch(event -> event.startsWith("WARN ")
                && event.contains("session token") && event.contains(SIGNER_PACKAGE)));
        assertTrue(scan.size() > 5);
        scan.assertCleanExcept(finding -> finding.contains("(DEBUG " + SDK_SIGNER_LOGGER + "): session as "));
        System.out.println("LEAK " + testName + ": " + scan.size() + " renderings and " + CapturedLogs.size()
                + " log events clean");
    }

    @Test
    void secretsCommandPrintsNoValueWithoutReveal() throws IOException {
        Path binaryFile = temp.resolve("binary-value");
        Files.write(binaryFile, canaries.binaryValue());
        InProcessCli cli = new InProcessCli(temp.resolve("home"))
                .env("SECRETS__LEAK_ENV", canaries.text().text());
        List<InProcessCli.Result> results = new ArrayList<>();
        results.add(cli.run("secret", "add", TEXT, "--value=" + canaries.text().text()));
        results.add(cli.run("secret", "add", JSON, "--value=" + canaries.json()));
        results.add(cli.run("secret", "add", BINARY, "--file=" + binaryFile));
        InProcessCli.Result revealed = cli.run("resolve", "--reveal", TEXT, JSON + ":password", "leak-env");

        results.add(cli.run("-v", "secret", "add", TEXT, "--value=" + canaries.written().text()));
        results.add(cli.run("-v", "secret", "update", "leak-absent", "--value=" + canaries.written().text()));
        results.add(cli.stdin(canaries.written().utf8()).run("-v", "secret", "update", TEXT));
        results.add(cli.stdin(canaries.written().text().repeat(3_000).getBytes(StandardCharsets.UTF_8))
                .run("-v", "secret", "add", "leak-large"));
        results.add(cli.run("secret", "list"));
        results.add(cli.run("secret", "list", "--json"));
        results.add(cli.run("-v", "resolve", TEXT, JSON + ":password", "leak-env", BINARY, "leak-missing",
                JSON + ":nope", TEXT + ":password"));
        results.add(cli.run("-v", "resolve", "--reveal", TEXT, "leak-missing"));
        results.add(cli.run("-v", "resolve", canaries.written().text() + "!"));
        results.add(cli.run("-v", "secret", "add", "typo", "--valeu=" + canaries.written().text()));
        results.add(cli.run("-v", "secret", "add", "stray", canaries.written().text()));
        results.add(cli.run("-v", "secret", "delete", TEXT));
        platformCommands(cli, results);

        assertEquals(0, revealed.status(), revealed::toString);
        assertTrue(revealed.out().contains(canaries.text().text()), revealed::toString);
        assertTrue(revealed.out().contains(canaries.field().text()), revealed::toString);
        for (InProcessCli.Result result : results) {
            scan.text(result.command(), result.out() + result.err());
            assertTrue(List.of(0, 1, 2).contains(result.status()), result::toString);
        }
        assertCleanAfterLogging();
    }

    private void platformCommands(InProcessCli cli, List<InProcessCli.Result> results) {
        try (LocalPlatformServer server = LocalPlatformServer.start();
                HostileServer echo = HostileServer.start(HostileServer.reply(422, JSON_TYPE,
                        "{\"detail\": [{\"loc\": [\"body\", \"value\"], \"msg\": \"Value error, "
                                + canaries.written().text() + "\", \"type\": \"value_error\", \"input\": \""
                                + canaries.written().text() + "\"}]}"))) {
            Workspace workspace = server.createWorkspace();
            String userKey = workspace.addUserKey(canaries.token().text() + "-user");
            List<String> target = List.of("--endpoint=" + server.uri(), "--user-key=" + userKey,
                    "--workspace=" + workspace.id());
            results.add(cli.run(withTarget(target, "secret", "add", TEXT, "--value=" + canaries.text().text())));
            results.add(cli.run(withTarget(target, "-v", "secret", "add", TEXT,
                    "--value=" + canaries.written().text())));
            results.add(cli.run(withTarget(target, "-v", "secret", "update", TEXT,
                    "--value=" + canaries.written().text())));
            results.add(cli.run(withTarget(target, "secret", "list", "--json")));
            results.add(cli.run(withTarget(target, "secret", "store", "list")));
            results.add(cli.run(withTarget(List.of("--endpoint=" + server.uri(),
                    "--user-key=" + canaries.token().text() + "-wrong", "--workspace=" + workspace.id()),
                    "-v", "secret", "list")));
            results.add(cli.run(withTarget(List.of("--endpoint=" + echo.uri(), "--user-key=" + userKey,
                    "--workspace=t-abcd1234"), "-v", "secret", "add", "leak-new",
                    "--value=" + canaries.written().text())));
            scan.object("workspace", workspace);
        }
    }

    private static String[] withTarget(List<String> target, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(target);
        return all.toArray(String[]::new);
    }

    private StoreConfig awsStore(LocalAwsServer aws, String keyId, String secretKey) {
        return StoreConfig.builder("aws")
                .option("region", aws.region())
                .option("endpoint", aws.endpoint().toString())
                .option("access-key-id", keyId)
                .option("secret-access-key", secretKey)
                .option("session-token", sessionToken.text())
                .option("api-call-timeout", "1s")
                .option("max-attempts", 2)
                .build();
    }

    private void seed(SecretStore store) {
        await(store.add(SecretName.of(TEXT), canaries.text().utf8()));
        await(store.add(SecretName.of(JSON), canaries.json().getBytes(StandardCharsets.UTF_8)));
        await(store.add(SecretName.of(BINARY), canaries.binaryValue()));
    }

    /** Checks the scan, after making sure the logging backend recorded events at all. */
    private void assertCleanAfterLogging() {
        assertTrue(CapturedLogs.size() > 0, "no log event was captured, so the log check proves nothing");
        assertTrue(scan.size() > 5, "only " + scan.size() + " renderings were recorded");
        scan.assertClean();
        System.out.println("LEAK " + testName + ": " + scan.size() + " renderings and " + CapturedLogs.size()
                + " log events clean");
    }
}
