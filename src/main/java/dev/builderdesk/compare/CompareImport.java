package dev.builderdesk.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.compare.CompareTable.Column;
import dev.builderdesk.compare.CompareTable.MetricRow;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.protocol.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON export of {@link CompareExport#json} back into the same table: its columns, rows and verdict. */
public final class CompareImport {
    private CompareImport() {
    }

    /** The export is not one we can read: not JSON, another schema version, or a field missing or malformed. */
    public static final class ImportException extends Exception {
        public ImportException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The table of a JSON export. */
    public static CompareTable fromJson(String json) throws ImportException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ImportException("Not a comparison export: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ImportException("Not a comparison export: no JSON object", null);
        }
        int version = root.path("schema_version").asInt(-1);
        if (version != CompareExport.SCHEMA_VERSION) {
            throw new ImportException("Unsupported comparison export schema_version " + root.path("schema_version")
                    + " (this version reads " + CompareExport.SCHEMA_VERSION + ")", null);
        }
        try {
            List<Column> columns = new ArrayList<>();
            for (JsonNode c : required(root, "columns")) {
                columns.add(Json.mapper().treeToValue(c, Column.class));
            }
            List<MetricRow> rows = new ArrayList<>();
            for (JsonNode r : required(root, "rows")) {
                List<String> cells = new ArrayList<>();
                required(r, "cells").forEach(c -> cells.add(c.asText()));
                List<Double> values = new ArrayList<>();
                required(r, "values").forEach(v -> values.add(v.isNull() ? null : v.asDouble()));
                if (cells.size() != columns.size() || values.size() != columns.size()) {
                    throw new ImportException("Row " + r.path("key").asText() + " has " + cells.size()
                            + " cells for " + columns.size() + " columns", null);
                }
                rows.add(new MetricRow(required(r, "key").asText(), required(r, "label").asText(), cells, values,
                        r.path("best").asInt(-1), r.path("differs").asBoolean()));
            }
            JsonNode verdict = root.path("verdict");
            JsonNode created = root.path("created_at");
            return new CompareTable(text(root, "group_id"), text(root, "input"),
                    created.isTextual() ? Timestamps.parse(created.asText()) : null, root.path("blind").asBoolean(),
                    root.path("models_hidden").asBoolean(),
                    verdict.isObject() ? Json.mapper().treeToValue(verdict, Verdict.class) : null, columns, rows);
        } catch (IOException | IllegalArgumentException e) {
            throw new ImportException("Not a comparison export: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) throws ImportException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ImportException("Not a comparison export: " + field + " is missing", null);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
