package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One secret in a listing. Timestamps are ISO-8601 date-times as the platform sends them, which
 * may lack a zone offset.
 *
 * @param lastUpdated when the value last changed
 * @param lastAccessed when a node last read the secret, or null if never
 * @param id the secret's id, used by update and remove
 * @param name the secret's name
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SecretDetails(
        @JsonProperty("last_updated") String lastUpdated,
        @JsonProperty("last_accessed") String lastAccessed,
        @JsonProperty("id") String id,
        @JsonProperty("name") String name) {

    public SecretDetails {
        Objects.requireNonNull(lastUpdated, "last_updated");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
