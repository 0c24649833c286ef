package dev.secrets.platform.internal;

import java.io.IOException;

/** Signals that a reply body exceeded the configured limit; reading stopped at the limit. */
final class ResponseTooLargeException extends IOException {

    private final long limit;

    ResponseTooLargeException(long limit) {
        super("reply body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
