package dev.secrets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown when one or more references of a batch could not be resolved. Every reference was tried
 * before this is thrown, and {@link #failures()} holds each failed reference with its own cause.
 * Retryable only when every failure is.
 */
public class SecretResolutionException extends SecretException {

    private final Map<SecretReference, SecretException> failures;

    public SecretResolutionException(Map<SecretReference, SecretException> failures) {
        super(describe(failures), firstCause(failures), allRetryable(failures));
        this.failures = Map.copyOf(failures);
        failures.values().stream().skip(1).forEach(this::addSuppressed);
    }

    /** Returns each failed reference with the exception that explains it. */
    public Map<SecretReference, SecretException> failures() {
        return failures;
    }

    private static String describe(Map<SecretReference, SecretException> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("failures must not be empty");
        }
        StringBuilder message = new StringBuilder()
                .append(failures.size() == 1 ? "1 secret reference" : failures.size() + " secret references")
                .append(" could not be resolved:");
        new LinkedHashMap<>(failures).forEach((reference, cause) ->
                message.append("\n  - ").append(reference).append(": ").append(cause.getMessage()));
        return message.toString();
    }

    private static SecretException firstCause(Map<SecretReference, SecretException> failures) {
        return failures.values().iterator().next();
    }

    private static boolean allRetryable(Map<SecretReference, SecretException> failures) {
        return failures.values().stream().allMatch(SecretException::retryable);
    }
}
