package dev.secrets.platform.internal;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretStoreUnavailableException;
import java.net.URI;

/** Maps the error replies of the {@code /user/secrets/*} API to typed exceptions. */
public final class ManagementErrors {

    /** The detail the platform sends for a write to a read-only store. */
    public static final String READ_ONLY_DETAIL = "Readonly secret store";

    /** The detail the platform sends when an added name exists. */
    public static final String ALREADY_EXISTS_DETAIL = "Secret already exists";

    private ManagementErrors() {
    }

    /**
     * Returns the exception for an error reply.
     *
     * @param operation what was attempted, such as {@code add secret 'db'}
     * @param submittedValue the secret value the request carried, or null; scrubbed from the detail
     */
    public static SecretException toException(String operation, String workspaceId, URI uri,
            PlatformHttp.Reply reply, char[] submittedValue) {
        int status = reply.status();
        String detail = ErrorDetails.detail(reply.body(), submittedValue).orElse("");
        String statusText = "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        String prefix = "Could not " + operation + " in workspace " + workspaceId + " (" + statusText + ")";
        if (status == 400 && detail.equals(READ_ONLY_DETAIL)) {
            return new ReadOnlySecretStoreException(prefix + ": the store is read-only. External stores such as AWS "
                    + "are read through the platform but written in their own service; write to the built-in store "
                    + "(id 'default') or change the secret where the external store keeps it.");
        }
        if (status == 400 && detail.equals(ALREADY_EXISTS_DETAIL)) {
            return new SecretAlreadyExistsException(prefix + ": the store already has a secret with this name. "
                    + "Update it instead.");
        }
        if (status == 401 || status == 403) {
            return new SecretAccessDeniedException(prefix + ". The user key is invalid, has expired, or does not "
                    + "cover this workspace; select the workspace again to get a fresh user key.");
        }
        if (status == 404) {
            return new SecretNotFoundException(prefix + " from " + uri + ". Check the id, or list the secrets and "
                    + "stores of the workspace to find it. If every call fails this way, check that the endpoint is "
                    + "the platform API's base URL.");
        }
        if (status == 422) {
            return new SecretFormatException(prefix + ". The platform rejected the request as invalid; fix the "
                    + "fields named above.");
        }
        if (status == 429 || status >= 500) {
            return new SecretStoreUnavailableException(prefix + " from " + uri + ". The platform is overloaded or "
                    + "unavailable; try again later.");
        }
        return new SecretException(prefix + " from " + uri + ".");
    }
}
