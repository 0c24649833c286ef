package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Body of {@code POST /user/secrets/list}.
 *
 * @param tenantId the workspace id
 * @param storeId the store to list, or null for the workspace's default store
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListSecretsRequest(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("store_id") String storeId) {

    public ListSecretsRequest {
        Objects.requireNonNull(tenantId, "tenant_id");
    }
}
