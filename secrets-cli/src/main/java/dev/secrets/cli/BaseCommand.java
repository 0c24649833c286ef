package dev.secrets.cli;

import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Access to the root command's options and context for every subcommand. */
abstract class BaseCommand {

    @Spec
    CommandSpec spec;

    SecretsCommand root() {
        return (SecretsCommand) spec.root().userObject();
    }

    CliContext context() {
        return root().context;
    }

    /** Prints a diagnostic line to standard error when {@code -v} is set; never pass a value. */
    void diagnostic(String message) {
        if (root().verbose) {
            context().err().println("secrets: " + message);
        }
    }

    /** Returns the platform endpoint from {@code --endpoint} or the environment, if any. */
    Optional<String> endpoint() {
        return Optional.ofNullable(root().endpoint).or(() -> context().variable("SECRETS_PLATFORM_ENDPOINT"));
    }

    /** Opens the target of the secret and store commands: the platform, or the embedded store. */
    SecretTarget openTarget() {
        Optional<String> endpoint = endpoint();
        SecretTarget target;
        if (endpoint.isPresent()) {
            target = PlatformTarget.open(endpoint.get(), required(root().userKey, "--user-key", "SECRETS_USER_KEY"),
                    required(root().workspace, "--workspace", "SECRETS_WORKSPACE"));
        } else {
            target = new EmbeddedTarget(context().secretsHome());
        }
        diagnostic("acting on " + target.describe());
        return target;
    }

    private String required(String option, String name, String variable) {
        if (option != null) {
            return option;
        }
        return context().variable(variable).orElseThrow(() -> new UsageException("With a platform endpoint, " + name
                + " is required: pass " + name + " or set " + variable + "."));
    }
}
