package dev.secrets.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One item of a 422 reply, {@code {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}}.
 *
 * <p>The platform may add an {@code input} field that echoes the rejected input, which can be a
 * secret value. This type has no such component, so reading a reply into it drops the echo.
 *
 * @param loc where the error is, such as {@code ["body", "value"]}; strings and integers
 * @param msg what is wrong
 * @param type the error's kind, such as {@code missing} or {@code string_type}
 */
public record ValidationError(
        @JsonProperty("loc") List<Object> loc,
        @JsonProperty("msg") String msg,
        @JsonProperty("type") String type) {

    public ValidationError {
        loc = List.copyOf(Objects.requireNonNull(loc, "loc"));
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(type, "type");
    }
}
