package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Reply of {@code POST /user/secrets/list-stores}.
 *
 * @param defaultStoreId the id of the store that nodes read and that writes without a store id go
 *     to
 * @param stores every store of the workspace, the built-in one first
 */
public record ListStoresResponse(
        @JsonProperty("default_store_id") String defaultStoreId,
        @JsonProperty("stores") List<SecretStoreDetails> stores) {

    public ListStoresResponse {
        Objects.requireNonNull(defaultStoreId, "default_store_id");
        stores = List.copyOf(Objects.requireNonNull(stores, "stores"));
    }
}
