package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command has help that describes each option, and the version is printed. */
class HelpTest {

    @TempDir
    Path temp;

    private static List<CommandLine> allCommands(CommandLine command) {
        List<CommandLine> all = new ArrayList<>(List.of(command));
        command.getSubcommands().values().forEach(sub -> all.addAll(allCommands(sub)));
        return all;
    }

    private CommandLine root() {
        CliContext context = new CliContext(Map.of(), temp, new ByteArrayInputStream(new byte[0]), Optional.empty(),
                new ByteArrayOutputStream(), new ByteArrayOutputStream());
        return SecretsCli.commandLine(context);
    }

    @Test
    void everyOptionHasDescription() {
        for (CommandLine command : allCommands(root())) {
            CommandSpec spec = command.getCommandSpec();
            assertTrue(spec.usageMessage().description().length > 0, spec.qualifiedName() + " has no description");
            for (OptionSpec option : spec.options()) {
                String description = String.join(" ", option.description());
                assertFalse(description.isBlank(), spec.qualifiedName() + " " + option.longestName());
            }
        }
    }

    @Test
    void helpOnEveryCommandSucceeds() {
        CliRun cli = new CliRun(temp.resolve("home"));
        for (CommandLine command : allCommands(root())) {
            List<String> args = new ArrayList<>(List.of(command.getCommandSpec().qualifiedName().split(" ")));
            args.remove(0);
            args.add("--help");

            CliRun.Result result = cli.run(args.toArray(String[]::new));

            assertEquals(0, result.status(), result::toString);
            assertTrue(result.out().startsWith("Usage: " + command.getCommandSpec().qualifiedName()), result::toString);
        }
    }

    @Test
    void addHelpNamesValueSources() {
        CliRun.Result result = new CliRun(temp.resolve("home")).run("secret", "add", "--help");

        assertTrue(result.out().contains("--value=VALUE"), result::toString);
        assertTrue(result.out().contains("--file=FILE"), result::toString);
        assertTrue(result.out().contains("--env=VAR"), result::toString);
        assertTrue(result.out().contains("one trailing newline"), result::toString);
    }

    @Test
    void versionNamesProject() {
        CliRun.Result result = new CliRun(temp.resolve("home")).run("--version");

        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().startsWith("secrets "), result::toString);
    }
}
