package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Reply of {@code POST /user/secrets/add}.
 *
 * @param secretId the id the platform gave the new secret
 */
public record AddSecretResponse(@JsonProperty("secret_id") String secretId) {

    public AddSecretResponse {
        Objects.requireNonNull(secretId, "secret_id");
    }
}
