package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /node/secrets/resolve}.
 *
 * @param publicKey the node's X25519 public key for this request: 32 raw bytes in standard base64
 *     with padding
 * @param names the secret names to resolve
 */
public record NodeResolveRequest(
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("names") List<String> names) {

    public NodeResolveRequest {
        Objects.requireNonNull(publicKey, "public_key");
        names = List.copyOf(Objects.requireNonNull(names, "names"));
    }
}
