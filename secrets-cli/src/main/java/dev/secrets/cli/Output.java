package dev.secrets.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secrets.SecretMetadata;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prints secret and store listings as aligned tables or JSON. Listings never contain values. */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {
    }

    static void printSecretsTable(PrintWriter out, List<SecretMetadata> secrets) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "ID", "CREATED", "UPDATED"));
        for (SecretMetadata secret : secrets) {
            rows.add(List.of(secret.name().value(), secret.id(), time(secret.createdAt()), time(secret.updatedAt())));
        }
        printTable(out, rows);
    }

    static void printSecretsJson(PrintWriter out, List<SecretMetadata> secrets) {
        ArrayNode array = JSON.createArrayNode();
        for (SecretMetadata secret : secrets) {
            ObjectNode node = array.addObject().put("name", secret.name().value()).put("id", secret.id());
            secret.createdAt().ifPresentOrElse(t -> node.put("created_at", t.toString()), () -> node.putNull("created_at"));
            secret.updatedAt().ifPresentOrElse(t -> node.put("updated_at", t.toString()), () -> node.putNull("updated_at"));
        }
        out.println(array.toPrettyString());
    }

    static void printStoresTable(PrintWriter out, List<SecretTarget.StoreRow> stores) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "NAME", "TYPE", "DEFAULT"));
        for (SecretTarget.StoreRow store : stores) {
            rows.add(List.of(store.id(), store.name(), store.type(), store.isDefault() ? "yes" : ""));
        }
        printTable(out, rows);
    }

    static void printStoresJson(PrintWriter out, List<SecretTarget.StoreRow> stores) {
        ArrayNode array = JSON.createArrayNode();
        for (SecretTarget.StoreRow store : stores) {
            array.addObject().put("id", store.id()).put("name", store.name()).put("type", store.type())
                    .put("is_default", store.isDefault());
        }
        out.println(array.toPrettyString());
    }

    /** Formats a table timestamp to the second; JSON output keeps the full precision. */
    private static String time(Optional<Instant> instant) {
        return instant.map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
    }

    /** Prints rows with each column padded to its widest cell, separated by two spaces. */
    private static void printTable(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
