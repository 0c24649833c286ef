package dev.secrets.platform.internal;

/**
 * A stand-in for an exception whose message quoted a secret value: it keeps the original's class
 * name, stack trace and cause chain, but none of the messages.
 */
final class WithheldMessage extends RuntimeException {

    private WithheldMessage(Throwable original, Throwable cause) {
        super(original.getClass().getName() + " (message withheld because it contained the submitted value)", cause);
        setStackTrace(original.getStackTrace());
    }

    /** Returns a copy of {@code original} and its causes without their messages. */
    static WithheldMessage of(Throwable original) {
        Throwable cause = original.getCause();
        return new WithheldMessage(original, cause == null || cause == original ? null : of(cause));
    }
}
