package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Body of {@code POST /user/secrets/remove}.
 *
 * @param tenantId the workspace id
 * @param secretId the id of the secret to remove
 * @param storeId the store that contains the secret, or null for the workspace's default store
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemoveSecretRequest(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("secret_id") String secretId,
        @JsonProperty("store_id") String storeId) {

    public RemoveSecretRequest {
        Objects.requireNonNull(tenantId, "tenant_id");
        Objects.requireNonNull(secretId, "secret_id");
    }
}
