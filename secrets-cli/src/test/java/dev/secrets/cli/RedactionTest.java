package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No command prints a secret value on any path, success or failure, unless --reveal is given. */
class RedactionTest {

    private static final String CANARY = "canary-7f3e-value";

    @TempDir
    Path temp;

    @Test
    void outputNeverContainsValueWithoutReveal() throws Exception {
        CliRun cli = new CliRun(temp.resolve("home")).env("CANARY_VAR", CANARY).env("SECRETS__FROM_ENV", CANARY);
        Path valueFile = temp.resolve("value");
        Files.writeString(valueFile, CANARY);
        Path config = temp.resolve("secrets.json");
        Files.writeString(config, "{\"stores\": [{\"type\": \"config\", \"values\": {\"cfg\": \"" + CANARY + "\"}}]}");
        List<CliRun.Result> results = new ArrayList<>();

        results.add(cli.run("-v", "secret", "add", "by-value", "--value=" + CANARY));
        results.add(cli.run("-v", "secret", "add", "by-file", "--file=" + valueFile));
        results.add(cli.run("-v", "secret", "add", "by-env", "--env=CANARY_VAR"));
        results.add(cli.stdin(CANARY + "\n").run("-v", "secret", "add", "by-stdin"));
        results.add(cli.terminal(prompt -> CANARY.toCharArray()).run("-v", "secret", "add", "by-terminal"));
        results.add(cli.run("-v", "secret", "add", "by-value", "--value=" + CANARY));
        results.add(cli.run("-v", "secret", "update", "by-value", "--value=" + CANARY));
        results.add(cli.run("-v", "secret", "update", "absent", "--value=" + CANARY));
        results.add(cli.run("-v", "secret", "list"));
        results.add(cli.run("-v", "secret", "list", "--json"));
        results.add(cli.run("-v", "resolve", "by-value", "by-file", "by-env", "from-env", "absent"));
        results.add(cli.run("-v", "resolve", "by-value:field"));
        results.add(cli.run("-v", "resolve", "--config", config.toString(), "cfg"));
        results.add(cli.run("-v", "secret", "add", "typo", "--valeu=" + CANARY));
        results.add(cli.run("-v", "secret", "add", "extra", CANARY));
        results.add(cli.run("-v", "secret", "add", "both", "--value=" + CANARY, "--file=" + valueFile));
        results.add(cli.run("-v", "secret", "add", "twice", "--value=" + CANARY, "--value=" + CANARY + "2"));
        results.add(cli.run("-v", "secret", "add", "twice-separate", "--value", CANARY, "--value", CANARY + "2"));
        results.add(cli.run("-v", "secret", "update", "by-value", "--value=" + CANARY, "--value=" + CANARY + "2"));
        results.add(cli.run("-v", "secret", "add", "env-twice", "--env=CANARY_VAR", "--env=" + CANARY));
        results.add(cli.run("-v", "secret", "add", "file-twice", "--file=" + valueFile, "--file=" + CANARY));
        results.add(cli.run("-v", "serve", "--port=" + CANARY));
        results.add(cli.stdin(CANARY.repeat(5_000)).run("-v", "secret", "add", "too-large"));
        results.add(cli.run("-v", "secret", "delete", "by-value"));

        for (CliRun.Result result : results) {
            assertFalse(result.out().contains(CANARY), result::toString);
            assertFalse(result.err().contains(CANARY), result::toString);
        }
        assertEquals(0, results.get(0).status(), results.get(0)::toString);
        assertTrue(results.get(10).out().contains("from-env\tenv\t***"), results.get(10)::toString);
    }

    @Test
    void revealShowsValue() {
        CliRun cli = new CliRun(temp.resolve("home"));
        cli.run("secret", "add", "geheim", "--value=" + CANARY);

        CliRun.Result result = cli.run("resolve", "--reveal", "geheim");

        assertEquals(CANARY + "\n", result.out());
    }
}
