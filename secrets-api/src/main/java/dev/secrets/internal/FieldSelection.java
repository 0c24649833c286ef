package dev.secrets.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import java.nio.charset.StandardCharsets;

/**
 * Selects a field of a JSON object value, for references such as {@code database:password}.
 *
 * <p>A string field yields its text; a number or boolean its JSON text; an object or array its
 * JSON. A missing field, a {@code null} field or a value that is not a JSON object is a
 * {@link SecretFormatException} naming the reference and the field. Parser messages are never
 * passed on, because they can quote the value.
 */
public final class FieldSelection {

    /** Rejects trailing data and duplicate keys, so a damaged value is an error, not a guess. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private FieldSelection() {
    }

    /** Returns the field {@code reference} selects from {@code whole}; does not close {@code whole}. */
    public static SecretValue select(SecretReference reference, SecretValue whole, String store) {
        String field = reference.field().orElseThrow(() -> new IllegalArgumentException("reference has no field"));
        JsonNode root;
        byte[] bytes = whole.asBytes();
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw notAnObject(reference, store, "its value is not valid JSON");
        } catch (java.io.IOException e) {
            throw notAnObject(reference, store, "its value could not be read as JSON");
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        if (root == null || !root.isObject()) {
            throw notAnObject(reference, store, "its value is not a JSON object");
        }
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new SecretFormatException("Secret '" + reference.name() + "' in store '" + store
                    + "' has no JSON field '" + field + "' (requested as '" + reference
                    + "'). Check the field name; field names are case-sensitive.");
        }
        String text = node.isTextual() ? node.textValue() : node.toString();
        return SecretValue.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SecretFormatException notAnObject(SecretReference reference, String store, String problem) {
        return new SecretFormatException("Cannot select field '" + reference.field().orElse("") + "' of secret '"
                + reference.name() + "' in store '" + store + "': " + problem
                + ". Request '" + reference.name() + "' without a field to read the whole value.");
    }
}
