package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Body of {@code POST /user/secrets/add}.
 *
 * <p>The value is a {@code char[]} so that the caller can wipe it after the request. It is not
 * copied, and {@link #toString()} shows {@code ***} in its place.
 *
 * @param tenantId the workspace id, such as {@code t-abcd1234}
 * @param storeId the store to add to, or null for the workspace's default store
 * @param name the secret name
 * @param value the secret value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddSecretRequest(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("store_id") String storeId,
        @JsonProperty("name") String name,
        @JsonProperty("value") char[] value) {

    public AddSecretRequest {
        Objects.requireNonNull(tenantId, "tenant_id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "AddSecretRequest[tenant_id=" + tenantId + ", store_id=" + storeId + ", name=" + name + ", value=***]";
    }
}
