package dev.secrets.cli;

/** A command line that cannot work as given; the command exits with status 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
