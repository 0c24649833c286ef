package dev.secrets.cli;

import dev.secrets.cli.SecretTarget.AwsStoreSettings;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code secrets secret store}: manages the external stores of a platform workspace. On the
 * embedded default only {@code list} works; the others need {@code --endpoint}.
 */
@Command(name = "store", description = {"Adds, lists, selects and deletes secret stores of a platform workspace.",
    "On the embedded default (no --endpoint) only 'list' works: it shows the built-in file store and any other "
            + "file stores in $SECRETS_HOME."},
        subcommands = {StoreCommand.Add.class, StoreCommand.ListStores.class, StoreCommand.SetDefault.class,
            StoreCommand.Delete.class})
final class StoreCommand extends BaseCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: use add, list, set-default or delete.");
    }

    @Command(name = "add", description = "Adds an external store to the workspace.",
            subcommands = {StoreCommand.AddAws.class})
    static final class Add extends BaseCommand implements Runnable {

        @Override
        public void run() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing store type: use 'aws'.");
        }
    }

    @Command(name = "aws", description = {"Adds an AWS Secrets Manager store, read through an assumed IAM role.",
        "External stores are read-only: secrets are managed in AWS, and the workspace only reads them."})
    static final class AddAws extends BaseCommand implements Callable<Integer> {

        @Option(names = "--region", required = true, paramLabel = "REGION",
                description = "Sets the AWS region of the secrets, such as eu-west-1.")
        String region;

        @Option(names = "--assumed-role-arn", required = true, paramLabel = "ARN",
                description = "Sets the IAM role that the platform assumes to read secrets.")
        String assumedRoleArn;

        @Option(names = "--prefix", paramLabel = "PREFIX", description = "Limits the store to secret names that "
                + "start with PREFIX, such as tenzir/; the prefix is not part of the names nodes use. By default, "
                + "no prefix.")
        String prefix;

        @Option(names = "--name", paramLabel = "NAME", description = "Sets the store's display name. By default, "
                + "the platform chooses one.")
        String name;

        @Option(names = "--external-id", paramLabel = "ID", description = "Sets the external id that the role's "
                + "trust policy requires. By default, none.")
        String externalId;

        @Option(names = "--aws-endpoint", paramLabel = "URL", description = "Sets a Secrets Manager endpoint "
                + "override, for VPC endpoints and local testing. By default, the AWS endpoint of the region.")
        String awsEndpoint;

        @Override
        public Integer call() {
            AwsStoreSettings settings = new AwsStoreSettings(region, assumedRoleArn, Optional.ofNullable(prefix),
                    Optional.ofNullable(name), Optional.ofNullable(externalId), Optional.ofNullable(awsEndpoint));
            try (SecretTarget target = openTarget()) {
                String id = target.addAwsStore(settings);
                context().out().println("Added store " + id + " (aws, " + region + ", read-only).");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Lists the stores of the workspace and marks the default.")
    static final class ListStores extends BaseCommand implements Callable<Integer> {

        @Option(names = "--json", description = "Prints a JSON array of objects with id, name, type and "
                + "is_default instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            List<SecretTarget.StoreRow> stores;
            try (SecretTarget target = openTarget()) {
                stores = target.listStores();
            }
            if (json) {
                Output.printStoresJson(context().out(), stores);
            } else {
                Output.printStoresTable(context().out(), stores);
            }
            return 0;
        }
    }

    @Command(name = "set-default", description = "Makes a store the workspace's default, which nodes read and "
            + "'secret' commands write.")
    static final class SetDefault extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "STORE", description = "Selects the store by its id, as 'store list' shows it.")
        String store;

        @Override
        public Integer call() {
            try (SecretTarget target = openTarget()) {
                target.setDefaultStore(store);
            }
            context().out().println("Store " + store + " is now the default.");
            return 0;
        }
    }

    @Command(name = "delete", description = "Deletes an external store from the workspace; the secrets in AWS stay.")
    static final class Delete extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "STORE", description = "Selects the store by its id, as 'store list' shows it.")
        String store;

        @Override
        public Integer call() {
            try (SecretTarget target = openTarget()) {
                target.deleteStore(store);
            }
            context().out().println("Deleted store " + store + ".");
            return 0;
        }
    }
}
