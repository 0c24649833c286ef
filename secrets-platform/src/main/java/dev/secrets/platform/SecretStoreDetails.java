package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One store in a listing.
 *
 * <p>{@link #toString()} shows the option names but not their values, because a server may send
 * credentials among them.
 *
 * @param type the store type: {@code tenzir} for the built-in store, {@code aws}, or a type added
 *     after this client was written, such as {@code vault}
 * @param id {@code default} for the built-in store, {@code st-…} for external stores
 * @param name the display name
 * @param isWritable whether secrets can be added, updated and removed
 * @param isDeletable whether the store can be deleted; false for the built-in store
 * @param options the type's settings, such as {@code region} and {@code assumed_role_arn}
 */
public record SecretStoreDetails(
        @JsonProperty("type") String type,
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("is_writable") boolean isWritable,
        @JsonProperty("is_deletable") boolean isDeletable,
        @JsonProperty("options") Map<String, Object> options) {

    /** The type of the workspace's built-in store. */
    public static final String BUILTIN_TYPE = "tenzir";

    /** The id of the workspace's built-in store. */
    public static final String BUILTIN_ID = "default";

    public SecretStoreDetails {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    @Override
    public String toString() {
        return "SecretStoreDetails[type=" + type + ", id=" + id + ", name=" + name + ", is_writable=" + isWritable
                + ", is_deletable=" + isDeletable + ", options=" + options.keySet() + "]";
    }
}
