package dev.secrets.platform.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secrets.platform.ValidationError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the error bodies of the platform API, {@code {"detail": "text"}} and, for 422,
 * {@code {"detail": [{"loc": [...], "msg": "...", "type": "...", "input": ...}]}}, into text that is
 * safe to put in an exception message.
 *
 * <p>A 422 item may echo the rejected input, which can be a secret value, so only {@code loc},
 * {@code msg} and {@code type} are used, and {@link #scrub} removes any remaining copy of a value
 * the caller submitted.
 */
public final class ErrorDetails {

    /** Maximum length of the detail text kept, in characters, because servers can send anything. */
    static final int MAX_DETAIL_LENGTH = 500;

    private ErrorDetails() {
    }

    /**
     * Returns the detail of an error body: the text of {@code {"detail": "..."}}, or the 422
     * items as {@code loc: msg (type)} joined with {@code "; "}, with {@code submittedValue}
     * scrubbed before the text is shortened. Empty when the body has neither form.
     *
     * @param submittedValue the secret value the request carried, or null
     */
    public static Optional<String> detail(byte[] body, char[] submittedValue) {
        JsonNode root;
        try {
            root = PlatformJson.mapper().readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode detail = root.get("detail");
        if (detail != null && detail.isTextual()) {
            return Optional.of(clean(scrub(detail.textValue(), submittedValue)));
        }
        if (detail != null && detail.isArray()) {
            List<ValidationError> errors = validationErrors(detail);
            if (!errors.isEmpty()) {
                String joined = errors.stream().map(ErrorDetails::describe).collect(Collectors.joining("; "));
                return Optional.of(clean(scrub(joined, submittedValue)));
            }
        }
        return Optional.empty();
    }

    /** Returns the well-formed 422 items of {@code detail}; the others are skipped. */
    static List<ValidationError> validationErrors(JsonNode detail) {
        List<ValidationError> errors = new ArrayList<>();
        for (JsonNode item : detail) {
            JsonNode loc = item.get("loc");
            JsonNode msg = item.get("msg");
            JsonNode type = item.get("type");
            if (loc == null || !loc.isArray() || msg == null || !msg.isTextual() || type == null || !type.isTextual()) {
                continue;
            }
            List<Object> location = new ArrayList<>();
            for (JsonNode part : loc) {
                location.add(part.isInt() ? (Object) part.intValue() : part.asText());
            }
            errors.add(new ValidationError(location, msg.textValue(), type.textValue()));
        }
        return errors;
    }

    /** Formats one 422 item as {@code body.value: Field required (missing)}. */
    static String describe(ValidationError error) {
        String location = error.loc().stream().map(String::valueOf).collect(Collectors.joining("."));
        return (location.isEmpty() ? "" : location + ": ") + error.msg() + " (" + error.type() + ")";
    }

    /**
     * Replaces every occurrence of {@code value}, raw or JSON-escaped, in {@code text} with
     * {@code ***}. Does nothing for a null or empty value.
     */
    public static String scrub(String text, char[] value) {
        if (value == null || value.length == 0) {
            return text;
        }
        String raw = new String(value);
        String scrubbed = text.replace(raw, "***");
        String escaped = escapeJson(raw);
        return escaped.equals(raw) ? scrubbed : scrubbed.replace(escaped, "***");
    }

    /**
     * Returns {@code failure}, or, when a message in its chain contains {@code value} raw or
     * JSON-escaped, a {@link WithheldMessage} copy of the chain. Returns {@code failure} for a null
     * or empty value.
     */
    public static Throwable withoutValue(Throwable failure, char[] value) {
        if (value == null || value.length == 0) {
            return failure;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !scrub(message, value).equals(message)) {
                return WithheldMessage.of(failure);
            }
        }
        return failure;
    }

    /** Removes control characters and cuts the text to {@value #MAX_DETAIL_LENGTH} characters. */
    public static String clean(String text) {
        StringBuilder cleaned = new StringBuilder();
        text.codePoints().limit(MAX_DETAIL_LENGTH)
                .forEach(c -> cleaned.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return text.codePointCount(0, text.length()) > MAX_DETAIL_LENGTH ? cleaned + "…" : cleaned.toString();
    }

    private static String escapeJson(String raw) {
        String quoted = new String(PlatformJson.write(raw), java.nio.charset.StandardCharsets.UTF_8);
        return quoted.substring(1, quoted.length() - 1);
    }
}
