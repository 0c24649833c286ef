package dev.secrets.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code secrets} command. Holds the options that every subcommand accepts and the context
 * that subcommands read through {@link BaseCommand}.
 */
@Command(name = "secrets", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Manages and resolves secrets.",
            "",
            "Without --endpoint, commands act on the embedded default: the encrypted file store in "
                    + "$SECRETS_HOME (default ~/.local/share/secrets), created on first use. With --endpoint they "
                    + "act on a platform workspace over HTTP."},
        subcommands = {SecretCommand.class, ResolveCommand.class, ServeCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:the operation failed (including access denied)",
            "2:invalid command line or a command that needs --endpoint"})
final class SecretsCommand implements Runnable {

    final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Sets the platform API URL that commands act on, such as http://127.0.0.1:8080 (the endpoint secrets serve prints). "
                    + "By default, $SECRETS_PLATFORM_ENDPOINT; without either, commands act on the embedded store.")
    String endpoint;

    @Option(names = "--user-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "Sets the platform user key sent as X-Tenzir-UserKey. By default, $SECRETS_USER_KEY.")
    String userKey;

    @Option(names = "--workspace", scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "Sets the platform workspace id, such as t-abcd1234. By default, $SECRETS_WORKSPACE.")
    String workspace;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Prints diagnostics to standard error: where commands act and stack traces of "
                    + "failures. Values are never printed.")
    boolean verbose;

    SecretsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: use 'secret', 'resolve' or 'serve'.");
    }
}
