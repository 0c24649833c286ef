package dev.secrets.platform.internal;

import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.spi.Failures;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;

/** Turns failures of an HTTP exchange, before any status was read, into typed exceptions. */
public final class TransportErrors {

    private TransportErrors() {
    }

    /**
     * Returns the typed exception for {@code failure}.
     *
     * @param target what was called, such as {@code the platform at https://…/user/secrets/add}
     * @param http the transport, for its limits
     */
    public static SecretException toException(Throwable failure, String target, PlatformHttp http) {
        return toException(failure, target, http, null);
    }

    /**
     * Returns the typed exception for {@code failure} of a request that carried
     * {@code submittedValue}. The JDK client quotes a malformed status line or header in its
     * messages, and a broken server can echo the request there, so every copy of the value is
     * replaced with {@code ***}, and a cause whose messages contain it is replaced by a copy without
     * messages.
     *
     * @param submittedValue the secret value the request carried, or null
     */
    public static SecretException toException(Throwable failure, String target, PlatformHttp http,
            char[] submittedValue) {
        Throwable cause = Failures.unwrap(failure);
        Throwable safeCause = ErrorDetails.withoutValue(cause, submittedValue);
        if (cause instanceof SecretException) {
            return (SecretException) cause;
        }
        if (cause instanceof ResponseTooLargeException) {
            return new SecretFormatException("The reply of " + target + " is larger than the limit of "
                    + ((ResponseTooLargeException) cause).limit() + " bytes, so reading stopped there. Raise the "
                    + "response size limit if the server is trusted and its replies are that large.", safeCause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new SecretStoreUnavailableException("Could not connect to " + target
                    + " within the connect timeout; check the endpoint and the network, then try again.", safeCause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new SecretStoreUnavailableException("No complete reply from " + target + " within "
                    + http.requestTimeout().toMillis() + " ms (the request timeout); try again later.", safeCause);
        }
        if (cause instanceof ConnectException) {
            return new SecretStoreUnavailableException("Could not connect to " + target
                    + ": connection refused; check that the server runs and the endpoint's port is right.", safeCause);
        }
        if (cause instanceof IOException) {
            return new SecretStoreUnavailableException("The connection to " + target + " failed ("
                    + describe((IOException) cause, submittedValue) + "); try again later.", safeCause);
        }
        if (cause instanceof IllegalArgumentException) {
            // The JDK client fails some malformed replies, such as a Content-Length that is not a
            // number, with NumberFormatException instead of an IOException. Its message quotes the
            // server's text, which may echo a submitted value, so it is not safeCause as the cause.
            return new SecretStoreUnavailableException("The reply of " + target + " broke the HTTP protocol ("
                    + cause.getClass().getSimpleName() + "); try again later.");
        }
        return Failures.toSecretException(safeCause);
    }

    private static String describe(IOException failure, char[] submittedValue) {
        if (failure instanceof ClosedChannelException || failure.getMessage() == null) {
            return failure.getClass().getSimpleName();
        }
        return failure.getClass().getSimpleName() + ": "
                + ErrorDetails.clean(ErrorDetails.scrub(failure.getMessage(), submittedValue));
    }
}
