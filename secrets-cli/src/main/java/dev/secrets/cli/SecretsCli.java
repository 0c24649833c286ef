package dev.secrets.cli;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
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
        err.println("error: " + describe(e));
        err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        return USAGE;
    }

    /** Describes a usage error; unmatched arguments are named by their option only, never shown whole. */
    private static String describe(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException)) {
            String message = e.getMessage();
            return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
        }
        UnmatchedArgumentException unmatched = (UnmatchedArgumentException) e;
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
