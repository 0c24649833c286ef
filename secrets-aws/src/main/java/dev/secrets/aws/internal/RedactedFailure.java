package dev.secrets.aws.internal;

/**
 * A stand-in for an exception whose message may quote response content: it keeps the original's
 * class name, stack trace and cause chain, but none of the messages.
 */
final class RedactedFailure extends RuntimeException {

    private RedactedFailure(Throwable original, Throwable redactedCause) {
        super(original.getClass().getName() + " (message withheld because it may quote a secret value)",
                redactedCause);
        setStackTrace(original.getStackTrace());
    }

    /** Returns a copy of {@code original} and its causes without their messages. */
    static RedactedFailure of(Throwable original) {
        Throwable cause = original.getCause();
        RedactedFailure redactedCause = cause == null || cause == original ? null : of(cause);
        return new RedactedFailure(original, redactedCause);
    }
}
