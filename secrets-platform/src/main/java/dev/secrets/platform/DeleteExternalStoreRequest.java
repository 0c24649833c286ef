package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Body of {@code POST /user/secrets/delete-external-store}.
 *
 * @param tenantId the workspace id
 * @param storeId the id of the external store to delete
 */
public record DeleteExternalStoreRequest(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("store_id") String storeId) {

    public DeleteExternalStoreRequest {
        Objects.requireNonNull(tenantId, "tenant_id");
        Objects.requireNonNull(storeId, "store_id");
    }
}
