package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets resolve} through the environment and the embedded store, or a configuration file. */
class ResolveCommandTest {

    @TempDir
    Path temp;

    private CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(temp.resolve("secrets-home"));
    }

    @Test
    void resolvePrintsStoreAndMask() {
        cli.run("secret", "add", "geheim", "--value=hunter2");

        CliRun.Result result = cli.run("resolve", "geheim");

        assertEquals(0, result.status(), result::toString);
        assertEquals("geheim\tdefault\t***\n", result.out());
    }

    @Test
    void environmentComesBeforeEmbeddedStore() {
        cli.run("secret", "add", "db-password", "--value=from-file");
        cli.env("SECRETS__DB_PASSWORD", "from-env");

        CliRun.Result masked = cli.run("resolve", "db-password");
        CliRun.Result revealed = cli.run("resolve", "--reveal", "db-password");

        assertEquals("db-password\tenv\t***\n", masked.out());
        assertEquals("from-env\n", revealed.out());
    }

    @Test
    void revealPrintsValuesInOrder() {
        cli.run("secret", "add", "first", "--value=one");
        cli.run("secret", "add", "second", "--value=two");

        CliRun.Result result = cli.run("resolve", "--reveal", "second", "first");

        assertEquals(0, result.status(), result::toString);
        assertEquals("two\none\n", result.out());
    }

    @Test
    void revealSelectsJsonField() {
        cli.run("secret", "add", "database", "--value={\"user\": \"admin\", \"password\": \"pw\"}");

        CliRun.Result result = cli.run("resolve", "--reveal", "database:user");

        assertEquals(0, result.status(), result::toString);
        assertEquals("admin\n", result.out());
    }

    @Test
    void missingReferenceFailsNamingStores() {
        cli.run("secret", "add", "present", "--value=x");

        CliRun.Result result = cli.run("resolve", "present", "absent");

        assertEquals(1, result.status(), result::toString);
        assertEquals("present\tdefault\t***\n", result.out());
        assertTrue(result.err().contains("error: absent: Secret 'absent' was not found in any store"), result::toString);
        assertTrue(result.err().contains("env, default (file)"), result::toString);
    }

    @Test
    void revealPrintsNothingWhenAnyFails() {
        cli.run("secret", "add", "present", "--value=x");

        CliRun.Result result = cli.run("resolve", "--reveal", "present", "absent");

        assertEquals(1, result.status(), result::toString);
        assertEquals("", result.out());
    }

    @Test
    void configFileSelectsStores() throws Exception {
        Path config = temp.resolve("secrets.json");
        Files.writeString(config, "{\"stores\": [{\"type\": \"config\", \"name\": \"cfg\", "
                + "\"values\": {\"geheim\": \"from-config\"}}]}");

        CliRun.Result masked = cli.run("resolve", "--config", config.toString(), "geheim");
        CliRun.Result revealed = cli.run("resolve", "--config", config.toString(), "--reveal", "geheim");

        assertEquals("geheim\tcfg\t***\n", masked.out());
        assertEquals("from-config\n", revealed.out());
    }

    @Test
    void yamlConfigFileSelectsStores() throws Exception {
        Path config = temp.resolve("secrets.yaml");
        Files.writeString(config, "stores:\n  - type: config\n    name: cfg\n    values:\n      geheim: from-yaml\n");

        CliRun.Result revealed = cli.run("resolve", "--config", config.toString(), "--reveal", "geheim");

        assertEquals(0, revealed.status(), revealed::toString);
        assertEquals("from-yaml\n", revealed.out());
    }

    @Test
    void invalidConfigFileFails() throws Exception {
        Path config = temp.resolve("secrets.json");
        Files.writeString(config, "{\"stores\": [{\"type\": \"nope\"}]}");

        CliRun.Result result = cli.run("resolve", "--config", config.toString(), "geheim");

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().contains("nope"), result::toString);
    }

    @Test
    void invalidReferenceIsUsageError() {
        CliRun.Result result = cli.run("resolve", "geheim:");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("the JSON field after ':' is empty"), result::toString);
    }

    @Test
    void referenceIsRequired() {
        CliRun.Result result = cli.run("resolve");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("Missing required parameter"), result::toString);
    }
}
