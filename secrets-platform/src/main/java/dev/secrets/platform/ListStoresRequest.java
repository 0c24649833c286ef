package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Body of {@code POST /user/secrets/list-stores}.
 *
 * @param tenantId the workspace id
 */
public record ListStoresRequest(@JsonProperty("tenant_id") String tenantId) {

    public ListStoresRequest {
        Objects.requireNonNull(tenantId, "tenant_id");
    }
}
