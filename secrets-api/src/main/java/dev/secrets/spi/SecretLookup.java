package dev.secrets.spi;

import dev.secrets.SecretException;
import dev.secrets.SecretValue;
import java.util.Objects;

/**
 * The outcome of looking one reference up in one store: found with a value, not found, or failed
 * with a typed exception. Batches return one per reference, so a failure of one reference never
 * hides the results of the others.
 *
 * <p>{@link #toString()} never shows a value.
 */
public final class SecretLookup {

    /** The outcome kind: the store had the secret, did not have it, or failed. */
    public enum Status { FOUND, NOT_FOUND, FAILED }

    private static final SecretLookup NOT_FOUND = new SecretLookup(Status.NOT_FOUND, null, null, null);

    private final Status status;
    private final SecretValue value;
    private final SecretException failure;
    private final String detail;

    private SecretLookup(Status status, SecretValue value, SecretException failure, String detail) {
        this.status = status;
        this.value = value;
        this.failure = failure;
        this.detail = detail;
    }

    public static SecretLookup found(SecretValue value) {
        return new SecretLookup(Status.FOUND, Objects.requireNonNull(value, "value"), null, null);
    }

    /** Returns "found" for a present value and "not found" for an empty optional. */
    public static SecretLookup of(java.util.Optional<SecretValue> value) {
        return value.map(SecretLookup::found).orElse(NOT_FOUND);
    }

    public static SecretLookup notFound() {
        return NOT_FOUND;
    }

    /**
     * Returns "not found" with a detail that the chain adds to its error, such as "scheduled for
     * deletion".
     */
    public static SecretLookup notFound(String detail) {
        return new SecretLookup(Status.NOT_FOUND, null, null, Objects.requireNonNull(detail, "detail"));
    }

    public static SecretLookup failed(SecretException failure) {
        return new SecretLookup(Status.FAILED, null, Objects.requireNonNull(failure, "failure"), null);
    }

    public Status status() {
        return status;
    }

    public boolean isFound() {
        return status == Status.FOUND;
    }

    /**
     * Returns the value.
     *
     * @throws IllegalStateException if the status is not {@link Status#FOUND}
     */
    public SecretValue value() {
        if (value == null) {
            throw new IllegalStateException("No value: the lookup status is " + status);
        }
        return value;
    }

    /**
     * Returns the failure.
     *
     * @throws IllegalStateException if the status is not {@link Status#FAILED}
     */
    public SecretException failure() {
        if (failure == null) {
            throw new IllegalStateException("No failure: the lookup status is " + status);
        }
        return failure;
    }

    /**
     * Returns the value, or an empty optional for "not found", as {@link SecretResolver#resolve}
     * reports them.
     *
     * @throws SecretException the failure, when the status is {@link Status#FAILED}
     */
    public java.util.Optional<SecretValue> toOptional() {
        switch (status) {
            case FOUND:
                return java.util.Optional.of(value);
            case NOT_FOUND:
                return java.util.Optional.empty();
            default:
                throw failure;
        }
    }

    /** Returns the detail of a "not found" outcome, or an empty string. */
    public String detail() {
        return detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        switch (status) {
            case FOUND:
                return "found(***)";
            case FAILED:
                return "failed(" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")";
            default:
                return detail == null ? "not found" : "not found (" + detail + ")";
        }
    }
}
