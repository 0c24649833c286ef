package dev.secrets.testkit.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a request body field by field and collects errors in the form the platform's framework
 * (FastAPI with Pydantic 2) returns with HTTP 422: {@code type}, {@code loc}, {@code msg} and
 * {@code input}. Like the platform, errors echo the rejected input, which can be a secret value,
 * so clients must not copy 422 bodies into messages.
 */
final class BodyValidator {

    /** Workspace ids: {@code t-} and eight characters from {@code a-z0-9}. */
    static final Pattern WORKSPACE_ID = Pattern.compile("t-[a-z0-9]{8}");

    private final JsonNode body;
    private final List<Map<String, Object>> errors = new ArrayList<>();

    private BodyValidator(JsonNode body) {
        this.body = body;
    }

    /** Starts validating {@code body}, which must be a JSON object. */
    static BodyValidator of(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw ApiError.validation(List.of(error("missing", List.of("body"), "Field required", NullNode.instance)));
        }
        if (!body.isObject()) {
            throw ApiError.validation(List.of(error("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", body)));
        }
        return new BodyValidator(body);
    }

    /** Reads the required {@code tenant_id}, which must look like a workspace id. */
    String tenantId() {
        String value = requiredString("tenant_id");
        if (value != null && !WORKSPACE_ID.matcher(value).matches()) {
            errors.add(error("string_pattern_mismatch", List.of("body", "tenant_id"),
                    "String should match pattern '^t-[a-z0-9]{8}$'", body.get("tenant_id"),
                    Map.of("pattern", "^t-[a-z0-9]{8}$")));
        }
        return value;
    }

    /** Reads a required string field; null when it is missing or not a string. */
    String requiredString(String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            errors.add(error("missing", List.of("body", field), "Field required", body));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(error("string_type", List.of("body", field), "Input should be a valid string", value));
            return null;
        }
        return value.textValue();
    }

    /** Reads an optional string field that may also be JSON null. */
    Optional<String> optionalString(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.add(error("string_type", List.of("body", field), "Input should be a valid string", value));
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    /** Reads an optional boolean field. */
    boolean bool(String field, boolean defaultValue) {
        JsonNode value = body.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            errors.add(error("bool_type", List.of("body", field), "Input should be a valid boolean", value));
            return defaultValue;
        }
        return value.booleanValue();
    }

    /** Reads a required string field whose value must be one of {@code allowed}. */
    String enumValue(String field, Set<String> allowed) {
        String value = requiredString(field);
        if (value != null && !allowed.contains(value)) {
            String expected = String.join(" or ", new TreeSet<>(allowed).stream().map(a -> "'" + a + "'").toList());
            errors.add(error("enum", List.of("body", field), "Input should be " + expected, body.get(field),
                    Map.of("expected", expected)));
            return null;
        }
        return value;
    }

    /** Reads a required object field whose values must all be strings. */
    Map<String, String> stringMap(String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            errors.add(error("missing", List.of("body", field), "Field required", body));
            return Map.of();
        }
        if (!value.isObject()) {
            errors.add(error("dict_type", List.of("body", field), "Input should be a valid dictionary", value));
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                result.put(entry.getKey(), entry.getValue().textValue());
            } else {
                errors.add(error("string_type", List.of("body", field, entry.getKey()),
                        "Input should be a valid string", entry.getValue()));
            }
        });
        return result;
    }

    /** Reads a required list of strings. */
    List<String> stringList(String field, int maxItems) {
        JsonNode value = body.get(field);
        if (value == null) {
            errors.add(error("missing", List.of("body", field), "Field required", body));
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(error("list_type", List.of("body", field), "Input should be a valid list", value));
            return List.of();
        }
        if (value.size() > maxItems) {
            errors.add(error("too_long", List.of("body", field), "List should have at most " + maxItems
                    + " items after validation, not " + value.size(), value, Map.of("max_length", maxItems)));
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual()) {
                result.add(item.textValue());
            } else {
                errors.add(error("string_type", List.of("body", field, i), "Input should be a valid string", item));
            }
        }
        return result;
    }

    /** Records a rejected field value with the platform's {@code value_error} type. */
    void valueError(List<Object> location, String message, JsonNode input) {
        errors.add(error("value_error", location, "Value error, " + message, input));
    }

    /** Returns the field as sent, for errors found after parsing. */
    JsonNode input(String field) {
        JsonNode value = body.get(field);
        return value == null ? NullNode.instance : value;
    }

    /** Throws a 422 {@link ApiError} if any check failed. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiError.validation(errors);
        }
    }

    static Map<String, Object> error(String type, List<Object> location, String message, Object input) {
        return error(type, location, message, input, null);
    }

    private static Map<String, Object> error(String type, List<Object> location, String message, Object input,
            Map<String, Object> context) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("loc", List.copyOf(location));
        error.put("msg", message);
        error.put("input", input);
        if (context != null) {
            error.put("ctx", context);
        }
        return error;
    }
}
