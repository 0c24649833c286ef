package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Reply of {@code POST /node/secrets/resolve}: one result per requested name.
 *
 * @param results the outcome for each name
 */
public record NodeResolveResponse(@JsonProperty("results") List<NodeResolveResult> results) {

    public NodeResolveResponse {
        results = List.copyOf(Objects.requireNonNull(results, "results"));
    }
}
