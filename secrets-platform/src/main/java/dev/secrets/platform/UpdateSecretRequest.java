package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Body of {@code POST /user/secrets/update}.
 *
 * <p>The value is a {@code char[]} so that the caller can wipe it after the request. It is not
 * copied, and {@link #toString()} shows {@code ***} in its place.
 *
 * @param tenantId the workspace id
 * @param storeId the store that contains the secret, or null for the workspace's default store
 * @param secretId the id of the secret to change
 * @param value the new value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateSecretRequest(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("store_id") String storeId,
        @JsonProperty("secret_id") String secretId,
        @JsonProperty("value") char[] value) {

    public UpdateSecretRequest {
        Objects.requireNonNull(tenantId, "tenant_id");
        Objects.requireNonNull(secretId, "secret_id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "UpdateSecretRequest[tenant_id=" + tenantId + ", store_id=" + storeId + ", secret_id=" + secretId
                + ", value=***]";
    }
}
