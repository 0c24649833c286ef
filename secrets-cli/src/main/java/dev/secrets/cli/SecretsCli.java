package dev.secrets.cli;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs the {@code secrets} command against a {@link CliContext}, so that tests run it in-process
 * with their own environment and streams.
 *
 * <p>Exit status: 0 on success, 1 when an operation failed (including access denied), 2 for an
 * invalid command line or a command that needs a platform endpoint. Errors go to standard error
 * and never contain a secret value: an argument that picocli cannot match is not echoed, because
 * it may be a value typed in the wrong place.
 */
public final class SecretsCli {

    /** Exit status of a failed operation. */
    public static final int FAILURE = 1;

    /** Exit status of an invalid command line. */
    public static final int USAGE = 2;

    private SecretsCli() {
    }

    /** Runs the command with {@code args} and returns its exit status. */
    public static int execute(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    /** Returns the configured picocli command line, for tests that inspect help texts. */
    public static CommandLine commandLine(CliContext context) {
        SecretsCommand root = new SecretsCommand(context);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setParameterExceptionHandler(SecretsCli::handleUsageError);
        commandLine.setExecutionExceptionHandler((failure, command, parseResult) ->
                handleFailure(failure, command, root));
        return commandLine;
    }

    private static int handleUsageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + describe(e, args));
        err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        return USAGE;
    }

    /**
     * Describes a usage error without quoting any argument, because an argument may be a secret
     * value. Options are named only when the command defines them; picocli's own messages are
     * used only where they contain nothing but parameter labels.
     */
    private static String describe(ParameterException e, String[] args) {
        if (e instanceof UnmatchedArgumentException) {
            return describeUnmatched((UnmatchedArgumentException) e);
        }
        if (e instanceof MissingParameterException || e.getMessage().startsWith("Missing ")) {
            String message = e.getMessage();
            return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
        }
        String options = knownOptions(e.getCommandLine(), args);
        String given = options.isEmpty() ? "" : " (options given: " + options + ")";
        if (e instanceof MutuallyExclusiveArgsException || e instanceof OverwrittenOptionException
                || e instanceof MaxValuesExceededException) {
            return "an option was repeated, or options that exclude each other were given together" + given
                    + ". Give each option once, and only one value option (--value, --file or --env).";
        }
        String option = e.getArgSpec() instanceof OptionSpec ? ((OptionSpec) e.getArgSpec()).longestName() : null;
        if (option != null) {
            return "invalid value for option '" + option + "' (not shown, because it may be a secret). "
                    + "Check the option's help for the expected form.";
        }
        return "invalid command line" + given + ". Arguments are not shown, because they may be secrets.";
    }

    private static String describeUnmatched(UnmatchedArgumentException unmatched) {
        List<String> descriptions = new ArrayList<>();
        for (String argument : unmatched.getUnmatched()) {
            if (argument.startsWith("-")) {
                int equals = argument.indexOf('=');
                descriptions.add("unknown option '" + (equals < 0 ? argument : argument.substring(0, equals)) + "'");
            } else {
                descriptions.add("an unexpected argument (not shown, because it may be a value)");
            }
        }
        String message = String.join(", ", descriptions);
        List<String> suggestions = unmatched.getSuggestions();
        return suggestions.isEmpty() ? message : message + "; did you mean " + String.join(" or ", suggestions) + "?";
    }

    /** Returns the option names among {@code args} that the failing command defines, in order. */
    private static String knownOptions(CommandLine commandLine, String[] args) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        java.util.Map<String, OptionSpec> defined = commandLine.getCommandSpec().optionsMap();
        for (String argument : args) {
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (defined.containsKey(name)) {
                names.add(name);
            }
        }
        return String.join(", ", names);
    }

    private static int handleFailure(Exception failure, CommandLine command, SecretsCommand root) {
        PrintWriter err = command.getErr();
        if (failure instanceof UsageException || failure instanceof InvalidSecretNameException) {
            err.println("error: " + failure.getMessage());
            err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        }
        if (failure instanceof SecretException) {
            err.println("error: " + failure.getMessage());
        } else {
            err.println("error: the command failed unexpectedly with " + failure.getClass().getName()
                    + (root.verbose ? "" : "; run with -v for details"));
        }
        if (root.verbose) {
            printSafeStackTrace(err, failure);
        }
        return FAILURE;
    }

    /**
     * Prints the stack trace of {@code failure} and its causes. Messages are shown only for this
     * SDK's exceptions and I/O errors, whose messages never contain values; other messages might
     * quote input and are left out.
     */
    static void printSafeStackTrace(PrintWriter err, Throwable failure) {
        Throwable current = failure;
        String prefix = "";
        while (current != null) {
            boolean safe = current instanceof SecretException || current instanceof IOException
                    || current instanceof UsageException;
            err.println(prefix + current.getClass().getName() + (safe && current.getMessage() != null
                    ? ": " + current.getMessage() : ""));
            for (StackTraceElement frame : current.getStackTrace()) {
                err.println("\tat " + frame);
            }
            prefix = "Caused by: ";
            current = current.getCause() == current ? null : current.getCause();
        }
    }
}
