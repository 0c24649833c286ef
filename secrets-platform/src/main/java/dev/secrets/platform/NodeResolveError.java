package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The reason one name of a node request could not be resolved.
 *
 * @param code {@value #NOT_FOUND}, {@value #ACCESS_DENIED}, {@value #UNAVAILABLE} or {@value #INVALID}
 * @param message a description for people; never contains a value
 */
public record NodeResolveError(
        @JsonProperty("code") String code,
        @JsonProperty("message") String message) {

    /** The workspace's default store does not have the name. */
    public static final String NOT_FOUND = "not_found";

    /** The node or the store's credentials may not read the name. */
    public static final String ACCESS_DENIED = "access_denied";

    /** The store could not read the secret now, so the node may retry later. */
    public static final String UNAVAILABLE = "unavailable";

    /**
     * The store rejected the request or the value for a reason a retry cannot fix: a name outside
     * the store's prefix, a value in the wrong format, a store misconfiguration.
     */
    public static final String INVALID = "invalid";

    public NodeResolveError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
