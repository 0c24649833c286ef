package dev.secrets.platform.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The JSON mapper for platform requests and replies, and safe descriptions of parse failures.
 *
 * <p>Unknown fields are ignored, so newer servers can add fields. Types are strict: a number where
 * a string belongs, or a string where a boolean belongs, is an error instead of being converted.
 */
public final class PlatformJson {

    private static final ObjectMapper MAPPER = createMapper();

    private PlatformJson() {
    }

    /** Returns the shared mapper; thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper createMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        for (CoercionInputShape shape : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.POJO).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /** Reads {@code body} as a {@code type}; failures are {@link IOException}s. */
    public static <T> T read(byte[] body, Class<T> type) throws IOException {
        T value = MAPPER.readValue(body, type);
        if (value == null) {
            throw JsonMappingException.from((com.fasterxml.jackson.core.JsonParser) null, "the body is JSON null");
        }
        return value;
    }

    /** Writes {@code value} as JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Describes why a reply could not be read, by position and field path only. Jackson's own
     * messages quote the offending input, which may be anything a server chose to send.
     */
    public static String describeFailure(IOException failure) {
        // Databind wraps parse errors that happen inside an object, so look through the causes.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonEOFException) {
                return "JSON that ends too early";
            }
            if (cause instanceof JsonParseException) {
                JsonParseException parse = (JsonParseException) cause;
                return parse.getLocation() == null ? "malformed JSON"
                        : "malformed JSON at line " + parse.getLocation().getLineNr() + ", column "
                                + parse.getLocation().getColumnNr();
            }
        }
        if (failure instanceof JsonMappingException) {
            return describeMappingFailure((JsonMappingException) failure);
        }
        return "unreadable JSON (" + failure.getClass().getSimpleName() + ")";
    }

    private static String describeMappingFailure(JsonMappingException failure) {
        String path = failure.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining());
        String where = path.isEmpty() ? "the top level" : path.substring(path.startsWith(".") ? 1 : 0);
        // The model constructors throw these with messages that name a field, never input text.
        Throwable cause = failure.getCause();
        if (cause instanceof NullPointerException && cause.getMessage() != null) {
            return "a missing or null field '" + cause.getMessage() + "' at " + where;
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return "an invalid object at " + where + ": " + cause.getMessage();
        }
        return "a missing, null or wrongly typed value at " + where;
    }
}
