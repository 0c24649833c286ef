package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.FileSecretStore;
import dev.secrets.SecretReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret commands on the embedded default store, run in-process. */
class SecretCommandTest {

    @TempDir
    Path temp;

    private Path home;
    private CliRun cli;

    @BeforeEach
    void setUp() {
        home = temp.resolve("secrets-home");
        cli = new CliRun(home);
    }

    private String stored(String name) {
        try (FileSecretStore store = FileSecretStore.builder().directory(home).build()) {
            return store.resolve(SecretReference.parse(name)).join().orElseThrow().asString();
        }
    }

    @Test
    void addWithValueOptionStoresIt() {
        CliRun.Result result = cli.run("secret", "add", "geheim", "--value=hunter2");

        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().startsWith("Added secret 'geheim' (id sec-"), result::toString);
        assertEquals("", result.err());
        assertEquals("hunter2", stored("geheim"));
    }

    @Test
    void addCreatesStoreOnFirstUse() {
        assertFalse(Files.exists(home));

        cli.run("secret", "add", "geheim", "--value=x");

        assertTrue(Files.exists(home.resolve("key")));
        assertTrue(Files.exists(home.resolve("default.secrets")));
    }

    @Test
    void defaultHomeIsUnderLocalShare() {
        CliRun withoutHome = new CliRun(home).withoutEnv("SECRETS_HOME");

        withoutHome.run("secret", "add", "geheim", "--value=x");

        assertTrue(Files.exists(temp.resolve(".local/share/secrets/default.secrets")));
    }

    @Test
    void addFromFileKeepsExactBytes() throws Exception {
        Path file = temp.resolve("value.txt");
        Files.writeString(file, "line\n");

        CliRun.Result result = cli.run("secret", "add", "geheim", "--file=" + file);

        assertEquals(0, result.status(), result::toString);
        assertEquals("line\n", stored("geheim"));
    }

    @Test
    void addFromEnvironmentVariable() {
        CliRun.Result result = cli.env("MY_TOKEN", "tok-123").run("secret", "add", "geheim", "--env=MY_TOKEN");

        assertEquals(0, result.status(), result::toString);
        assertEquals("tok-123", stored("geheim"));
    }

    @Test
    void addFromStdinStripsOneNewline() {
        CliRun.Result result = cli.stdin("piped\n\n").run("secret", "add", "geheim");

        assertEquals(0, result.status(), result::toString);
        assertEquals("piped\n", stored("geheim"));
    }

    @Test
    void addFromStdinStripsCarriageReturnNewline() {
        cli.stdin("piped\r\n").run("secret", "add", "geheim");

        assertEquals("piped", stored("geheim"));
    }

    @Test
    void addFromTerminalPromptsWithoutEcho() {
        AtomicReference<String> prompt = new AtomicReference<>();

        CliRun.Result result = cli.stdin("ignored").terminal(text -> {
            prompt.set(text);
            return "typed".toCharArray();
        }).run("secret", "add", "geheim");

        assertEquals(0, result.status(), result::toString);
        assertEquals("Value for secret 'geheim' (not shown): ", prompt.get());
        assertEquals("typed", stored("geheim"));
    }

    @Test
    void twoValueOptionsAreUsageError() {
        CliRun.Result result = cli.env("V", "x").run("secret", "add", "geheim", "--value=a", "--env=V");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("error: an option was repeated, or options that exclude each other were given "
                + "together (options given: --value, --env). Give each option once, and only one value option"), result::toString);
        assertFalse(Files.exists(home.resolve("default.secrets")));
    }

    @Test
    void emptyValueIsRejected() {
        CliRun.Result result = cli.stdin("\n").run("secret", "add", "geheim");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("The value for secret 'geheim' is empty"), result::toString);
    }

    @Test
    void unsetEnvironmentVariableIsRejected() {
        CliRun.Result result = cli.run("secret", "add", "geheim", "--env=NOT_SET");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("The environment variable NOT_SET is not set or empty"), result::toString);
    }

    @Test
    void missingValueFileIsRejected() {
        CliRun.Result result = cli.run("secret", "add", "geheim", "--file=" + temp.resolve("absent"));

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("does not exist"), result::toString);
    }

    @Test
    void invalidNameIsUsageError() {
        CliRun.Result result = cli.run("secret", "add", "bad name", "--value=x");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("character (U+0020) at position 4 is not allowed"), result::toString);
    }

    @Test
    void valueOverLimitFailsWithLimit() {
        CliRun.Result result = cli.stdin("x".repeat(70_000)).run("secret", "add", "geheim");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("over the limit of 65536 bytes"), result::toString);
    }

    @Test
    void addExistingNameFails() {
        cli.run("secret", "add", "geheim", "--value=one");

        CliRun.Result result = cli.run("secret", "add", "geheim", "--value=two");

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().startsWith("error: The secret 'geheim' already exists"), result::toString);
        assertEquals("one", stored("geheim"));
    }

    @Test
    void updateByNameReplacesValue() {
        cli.run("secret", "add", "geheim", "--value=one");

        CliRun.Result result = cli.run("secret", "update", "geheim", "--value=two");

        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().startsWith("Updated secret 'geheim'"), result::toString);
        assertEquals("two", stored("geheim"));
    }

    @Test
    void updateAndDeleteAcceptId() throws Exception {
        cli.run("secret", "add", "geheim", "--value=one");
        String id = new ObjectMapper().readTree(cli.run("secret", "list", "--json").out()).get(0).get("id").asText();

        CliRun.Result updated = cli.run("secret", "update", id, "--value=two");
        String afterUpdate = stored("geheim");
        CliRun.Result deleted = cli.run("secret", "delete", id);

        assertEquals(0, updated.status(), updated::toString);
        assertEquals("two", afterUpdate);
        assertEquals(0, deleted.status(), deleted::toString);
        assertEquals("Deleted secret 'geheim'.\n", deleted.out());
    }

    @Test
    void updateOfMissingSecretFails() {
        CliRun.Result result = cli.run("secret", "update", "absent", "--value=x");

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().contains("'absent' does not exist in file store 'default'"), result::toString);
    }

    @Test
    void deleteOfMissingSecretFails() {
        CliRun.Result result = cli.run("secret", "delete", "absent");

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().contains("'absent' does not exist"), result::toString);
    }

    @Test
    void listShowsTableWithoutValues() {
        cli.run("secret", "add", "beta", "--value=value-beta");
        cli.run("secret", "add", "alpha", "--value=value-alpha");

        CliRun.Result result = cli.run("secret", "list");

        assertEquals(0, result.status(), result::toString);
        String[] lines = result.out().split("\n");
        assertEquals(3, lines.length, result::toString);
        assertTrue(lines[0].startsWith("NAME"), lines[0]);
        assertTrue(lines[1].startsWith("alpha  "), lines[1]);
        assertTrue(lines[2].startsWith("beta   "), lines[2]);
        assertFalse(result.out().contains("value-"), result::toString);
    }

    @Test
    void listJsonIsValidJson() throws Exception {
        cli.run("secret", "add", "geheim", "--value=hunter2");

        CliRun.Result result = cli.run("secret", "list", "--json");

        JsonNode array = new ObjectMapper().readTree(result.out());
        assertEquals(0, result.status(), result::toString);
        assertEquals(1, array.size());
        assertEquals("geheim", array.get(0).get("name").asText());
        assertTrue(array.get(0).get("id").asText().startsWith("sec-"));
        assertTrue(array.get(0).has("created_at"));
        assertTrue(array.get(0).has("updated_at"));
        assertFalse(result.out().contains("hunter2"));
    }

    @Test
    void listOfEmptyStoreIsEmptyJsonArray() throws Exception {
        CliRun.Result result = cli.run("secret", "list", "--json");

        assertEquals(0, result.status(), result::toString);
        assertEquals(0, new ObjectMapper().readTree(result.out()).size());
    }

    @Test
    void listSelectsOtherFileStore() {
        try (FileSecretStore team = FileSecretStore.builder().directory(home).storeName("team").build()) {
            team.add(dev.secrets.SecretName.of("team-secret"), new byte[] {1}).join();
        }

        CliRun.Result result = cli.run("secret", "list", "--store=team");

        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().contains("team-secret"), result::toString);
    }

    @Test
    void listOfUnknownStoreFails() {
        CliRun.Result result = cli.run("secret", "list", "--store=nope");

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().contains("There is no store 'nope'"), result::toString);
    }

    @Test
    void corruptStoreFileFailsAndIsKept() throws Exception {
        cli.run("secret", "add", "geheim", "--value=x");
        Path file = home.resolve("default.secrets");
        Files.writeString(file, "garbage");

        CliRun.Result result = cli.run("secret", "add", "other", "--value=y");

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().contains(file.toRealPath() + " is not a secret store file"), result::toString);
        assertEquals("garbage", Files.readString(file));
    }

    @Test
    void missingCommandIsUsageError() {
        CliRun.Result result = cli.run("secret");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("Missing command"), result::toString);
    }

    @Test
    void verboseNamesStoreFile() throws Exception {
        CliRun.Result result = cli.run("-v", "secret", "list");

        assertEquals(0, result.status(), result::toString);
        assertTrue(result.err().contains("secrets: acting on embedded file store 'default' ("
                + home.toRealPath().resolve("default.secrets") + ")"), result::toString);
    }

    @Test
    void verboseFailurePrintsStackTrace() {
        cli.run("secret", "add", "geheim", "--value=one");

        CliRun.Result quiet = cli.run("secret", "add", "geheim", "--value=two");
        CliRun.Result verbose = cli.run("secret", "add", "geheim", "--value=two", "--verbose");

        assertFalse(quiet.err().contains("\tat "), quiet::toString);
        assertTrue(verbose.err().contains("dev.secrets.SecretAlreadyExistsException: The secret 'geheim'"),
                verbose::toString);
        assertTrue(verbose.err().contains("\tat dev.secrets."), verbose::toString);
    }
}
