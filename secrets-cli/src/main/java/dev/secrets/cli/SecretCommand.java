package dev.secrets.cli;

import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets secret}: adds, updates, deletes and lists secrets, and manages stores. */
@Command(name = "secret", description = "Adds, updates, deletes and lists secrets of the default store.",
        subcommands = {SecretCommand.Add.class, SecretCommand.Update.class, SecretCommand.Delete.class,
            SecretCommand.ListSecrets.class, StoreCommand.class})
final class SecretCommand extends BaseCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: use add, update, delete, list or store.");
    }

    @Command(name = "add", description = {"Adds a secret to the default store.",
        "Without a value option, the value is read from the terminal without echo, or from standard input "
                + "when it is not a terminal; one trailing newline of standard input is removed."})
    static final class Add extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "NAME", description = "Sets the secret's name: 1 to 512 characters from "
                + "A-Z a-z 0-9 / _ + = . @ -.")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        ValueSource source;

        @Override
        public Integer call() {
            SecretName secretName = SecretName.of(name);
            byte[] value = ValueSource.read(source, context(), name);
            try (SecretTarget target = openTarget()) {
                SecretMetadata added = target.add(secretName, value);
                context().out().println("Added secret '" + added.name() + "' (id " + added.id() + ").");
            } finally {
                Arrays.fill(value, (byte) 0);
            }
            return 0;
        }
    }

    @Command(name = "update", description = {"Replaces the value of a secret in the default store.",
        "Without a value option, the value is read from the terminal without echo, or from standard input "
                + "when it is not a terminal; one trailing newline of standard input is removed."})
    static final class Update extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "NAME-OR-ID", description = "Selects the secret by its name or its id.")
        String nameOrId;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        ValueSource source;

        @Override
        public Integer call() {
            byte[] value = ValueSource.read(source, context(), nameOrId);
            try (SecretTarget target = openTarget()) {
                SecretMetadata updated = target.update(nameOrId, value);
                context().out().println("Updated secret '" + updated.name() + "' (id " + updated.id() + ").");
            } finally {
                Arrays.fill(value, (byte) 0);
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Deletes a secret from the default store.")
    static final class Delete extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "NAME-OR-ID", description = "Selects the secret by its name or its id.")
        String nameOrId;

        @Override
        public Integer call() {
            try (SecretTarget target = openTarget()) {
                SecretName deleted = target.delete(nameOrId);
                context().out().println("Deleted secret '" + deleted + "'.");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Lists the names, ids and timestamps of secrets; never their values.")
    static final class ListSecrets extends BaseCommand implements Callable<Integer> {

        @Option(names = "--json", description = "Prints a JSON array of objects with name, id, created_at and "
                + "updated_at instead of a table.")
        boolean json;

        @Option(names = "--store", paramLabel = "STORE", description = "Selects the store to list by its id. "
                + "By default, the default store.")
        String store;

        @Override
        public Integer call() {
            List<SecretMetadata> secrets;
            try (SecretTarget target = openTarget()) {
                secrets = target.list(Optional.ofNullable(store));
            }
            if (json) {
                Output.printSecretsJson(context().out(), secrets);
            } else {
                Output.printSecretsTable(context().out(), secrets);
            }
            return 0;
        }
    }
}
