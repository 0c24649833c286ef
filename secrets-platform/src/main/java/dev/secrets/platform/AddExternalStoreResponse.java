package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Reply of {@code POST /user/secrets/add-external-store}.
 *
 * @param storeId the id of the new store, {@code st-…}
 */
public record AddExternalStoreResponse(@JsonProperty("store_id") String storeId) {

    public AddExternalStoreResponse {
        Objects.requireNonNull(storeId, "store_id");
    }
}
