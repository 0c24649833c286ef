package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Body of {@code POST /user/secrets/add-external-store}.
 *
 * <p>{@link #toString()} shows the option names but not their values, because they may hold
 * credentials such as {@code secret_access_key}.
 *
 * @param tenantId the workspace id
 * @param type the store type, such as {@code aws}
 * @param name the display name, or null to let the server choose one
 * @param isWritable whether the store should accept writes; external stores are read-only
 * @param makeDefault whether nodes should read from the new store from now on
 * @param options the type's settings as strings, such as {@code region} and
 *     {@code assumed_role_arn}
 */
public record AddExternalStoreRequest(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("type") String type,
        @JsonProperty("name") @JsonInclude(JsonInclude.Include.NON_NULL) String name,
        @JsonProperty("is_writable") boolean isWritable,
        @JsonProperty("make_default") boolean makeDefault,
        @JsonProperty("options") Map<String, String> options) {

    public AddExternalStoreRequest {
        Objects.requireNonNull(tenantId, "tenant_id");
        Objects.requireNonNull(type, "type");
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String toString() {
        return "AddExternalStoreRequest[tenant_id=" + tenantId + ", type=" + type + ", name=" + name
                + ", is_writable=" + isWritable + ", make_default=" + makeDefault + ", options="
                + new java.util.TreeSet<>(options.keySet()) + "]";
    }
}
