package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Body of {@code POST /user/secrets/select-store}, which makes a store the workspace's default.
 *
 * @param tenantId the workspace id
 * @param storeId the id of the store to read from
 */
public record SelectStoreRequest(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("store_id") String storeId) {

    public SelectStoreRequest {
        Objects.requireNonNull(tenantId, "tenant_id");
        Objects.requireNonNull(storeId, "store_id");
    }
}
