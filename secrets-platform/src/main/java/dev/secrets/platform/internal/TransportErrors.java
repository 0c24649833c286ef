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
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof SecretException) {
            return (SecretException) cause;
        }
        if (cause instanceof ResponseTooLargeException) {
            return new SecretFormatException("The reply of " + target + " is larger than the limit of "
                    + ((ResponseTooLargeException) cause).limit() + " bytes, so reading stopped there. Raise the "
                    + "response size limit if the server is trusted and its replies are that large.", cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new SecretStoreUnavailableException("Could not connect to " + target
                    + " within the connect timeout; check the endpoint and the network, then try again.", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new SecretStoreUnavailableException("No complete reply from " + target + " within "
                    + http.requestTimeout().toMillis() + " ms (the request timeout); try again later.", cause);
        }
        if (cause instanceof ConnectException) {
            return new SecretStoreUnavailableException("Could not connect to " + target
                    + ": connection refused; check that the server runs and the endpoint's port is right.", cause);
        }
        if (cause instanceof IOException) {
            return new SecretStoreUnavailableException("The connection to " + target + " failed ("
                    + describe((IOException) cause) + "); try again later.", cause);
        }
        if (cause instanceof IllegalArgumentException) {
            // The JDK client fails some malformed replies, such as a Content-Length that is not a
            // number, with NumberFormatException instead of an IOException. Its message quotes the
            // server's text, which may echo a submitted value, so it is not kept as the cause.
            return new SecretStoreUnavailableException("The reply of " + target + " broke the HTTP protocol ("
                    + cause.getClass().getSimpleName() + "); try again later.");
        }
        return Failures.toSecretException(cause);
    }

    private static String describe(IOException failure) {
        if (failure instanceof ClosedChannelException || failure.getMessage() == null) {
            return failure.getClass().getSimpleName();
        }
        return failure.getClass().getSimpleName() + ": " + ErrorDetails.clean(failure.getMessage());
    }
}
