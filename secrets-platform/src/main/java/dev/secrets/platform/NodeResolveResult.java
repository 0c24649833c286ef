package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The outcome for one name: either a sealed value or an error, never both.
 *
 * @param name the requested name
 * @param value the value sealed with {@link SealedValues}, in standard base64 with padding, or
 *     null when {@code error} is set
 * @param error why the name could not be resolved, or null when {@code value} is set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeResolveResult(
        @JsonProperty("name") String name,
        @JsonProperty("value") String value,
        @JsonProperty("error") NodeResolveError error) {

    public NodeResolveResult {
        Objects.requireNonNull(name, "name");
        if ((value == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of value and error must be set for '" + name + "'");
        }
    }

    /** Returns a result that carries a sealed value. */
    public static NodeResolveResult sealed(String name, String sealedBase64) {
        return new NodeResolveResult(name, Objects.requireNonNull(sealedBase64, "sealedBase64"), null);
    }

    /** Returns a result that carries an error. */
    public static NodeResolveResult failed(String name, NodeResolveError error) {
        return new NodeResolveResult(name, null, Objects.requireNonNull(error, "error"));
    }

    @Override
    public String toString() {
        return "NodeResolveResult[name=" + name + (error == null ? ", sealed value" : ", error=" + error) + "]";
    }
}
