package dev.secrets.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced once the local platform server is merged. */
@Command(name = "serve", description = "Runs the local platform server.")
final class ServeCommand extends BaseCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UsageException("PLATFORM-PENDING");
    }
}
