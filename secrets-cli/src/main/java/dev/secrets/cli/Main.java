package dev.secrets.cli;

import java.util.Arrays;

/** The entry point of {@code java -jar secrets-cli.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose")) {
            // Only this SDK's loggers: HTTP client wire logs at debug level would contain response
            // bodies, and so values. Set before the first logger is created, when a store loads.
            System.setProperty("org.slf4j.simpleLogger.log.dev.secrets", "debug");
        }
        System.exit(SecretsCli.execute(CliContext.system(), args));
    }
}
