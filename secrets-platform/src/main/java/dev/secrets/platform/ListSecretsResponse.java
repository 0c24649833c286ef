package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Reply of {@code POST /user/secrets/list}: names and timestamps, never values.
 *
 * @param secrets the secrets of the listed store
 */
public record ListSecretsResponse(@JsonProperty("secrets") List<SecretDetails> secrets) {

    public ListSecretsResponse {
        secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
    }
}
