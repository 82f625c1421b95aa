package dev.builderdesk.compare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.compare.CompareTable.Column;
import dev.builderdesk.compare.CompareTable.Metric;
import dev.builderdesk.compare.CompareTable.MetricRow;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.protocol.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A comparison table written out (docs/compare.md): plain text for a terminal, Markdown (the metric rows × the
 * attempt columns, best values in bold, then the prompt and the verdict), JSON ({@code schema_version} 1: the group,
 * the columns, the rows with their cells and raw values, the verdict; {@link CompareImport} reads it back) and CSV
 * (RFC 4180: one row per attempt, the raw numbers of each metric). Everything comes from the table, so a table that
 * hides its models exports none.
 */
public final class CompareExport {
    /** The JSON export's version; {@link CompareImport} refuses any other. */
    public static final int SCHEMA_VERSION = 1;

    private CompareExport() {
    }

    /** A Markdown document: heading, prompt, the table, the verdict. */
    public static String markdown(CompareTable table) {
        StringBuilder md = new StringBuilder("# Comparison\n\n");
        md.append("Prompt:\n\n");
        for (String line : nullToEmpty(table.input()).split("\n", -1)) {
            md.append("> ").append(line).append('\n');
        }
        md.append('\n');
        md.append("| Metric |");
        for (Column c : table.columns()) {
            md.append(' ').append(markdownCell(c.title())).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(table.columns().size()));
        md.append('\n');
        for (MetricRow row : table.rows()) {
            md.append("| ").append(row.label()).append(" |");
            for (int i = 0; i < row.cells().size(); i++) {
                String cell = markdownCell(row.cells().get(i));
                md.append(' ').append(i == row.best() ? "**" + cell + "**" : cell).append(" |");
            }
            md.append('\n');
        }
        md.append("\nBest values are in bold.\n\n").append(verdictText(table)).append('\n');
        return md.toString();
    }

    /**
     * A plain-text table for a terminal: the metric labels, then one column per attempt, aligned, best values marked
     * with {@code *}; the prompt above, the verdict below.
     */
    public static String text(CompareTable table) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(""));
        table.columns().forEach(c -> header.add(c.title()));
        lines.add(header);
        for (MetricRow row : table.rows()) {
            List<String> line = new ArrayList<>(List.of(row.label()));
            for (int i = 0; i < row.cells().size(); i++) {
                line.add(row.cells().get(i) + (i == row.best() ? " *" : ""));
            }
            lines.add(line);
        }
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], width(line.get(i)));
            }
        }
        StringBuilder text = new StringBuilder("Comparison ").append(table.groupId()).append('\n');
        text.append("Prompt: ").append(nullToEmpty(table.input()).strip().replace('\n', ' ')).append("\n\n");
        for (List<String> line : lines) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                l.append(cell).append(" ".repeat(widths[i] - width(cell) + (i + 1 < line.size() ? 2 : 0)));
            }
            text.append(l.toString().stripTrailing()).append('\n');
        }
        return text.append("\n* best\n").append(verdictText(table)).append('\n').toString();
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The verdict in words: "Verdict: winner A · Quokka Coder. Ratings: A 4/5, B 2/5. Notes: …". */
    public static String verdictText(CompareTable table) {
        Verdict v = table.verdict();
        if (v == null) {
            return "No verdict yet.";
        }
        StringBuilder text = new StringBuilder("Verdict: ");
        if (v.allBad()) {
            text.append("all bad");
        } else if (v.isTie()) {
            text.append("tie");
        } else {
            text.append("winner ").append(titleOf(table, v.winnerRunId()));
        }
        text.append('.');
        String ratings = table.columns().stream().filter(c -> v.ratings().containsKey(c.runId()))
                .map(c -> (c.label() != null ? c.label() : c.title()) + " " + v.ratings().get(c.runId()) + "/5")
                .collect(Collectors.joining(", "));
        if (!ratings.isEmpty()) {
            text.append(" Ratings: ").append(ratings).append('.');
        }
        if (!v.notes().isBlank()) {
            text.append(" Notes: ").append(v.notes().strip().replace('\n', ' '));
        }
        return text.toString();
    }

    private static String titleOf(CompareTable table, String runId) {
        return table.columns().stream().filter(c -> c.runId().equals(runId)).map(Column::title).findFirst()
                .orElse(String.valueOf(runId));
    }

    private static String markdownCell(String text) {
        return nullToEmpty(text).replace("|", "\\|").replace("\r", "").replace('\n', ' ');
    }

    /** The JSON export, pretty-printed. */
    public static String json(CompareTable table) {
        ObjectNode root = Json.object();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("group_id", table.groupId());
        root.put("input", table.input());
        root.put("created_at", table.createdAt() == null ? null : Timestamps.format(table.createdAt()));
        root.put("blind", table.blind());
        root.put("models_hidden", table.modelsHidden());
        ArrayNode columns = root.putArray("columns");
        table.columns().forEach(c -> columns.add(Json.toObject(c)));
        ArrayNode rows = root.putArray("rows");
        for (MetricRow row : table.rows()) {
            ObjectNode r = rows.addObject();
            r.put("key", row.key());
            r.put("label", row.label());
            ArrayNode cells = r.putArray("cells");
            row.cells().forEach(cells::add);
            ArrayNode values = r.putArray("values");
            for (Double v : row.values()) {
                if (v == null) {
                    values.addNull();
                } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    values.add(v.longValue());
                } else {
                    values.add(v);
                }
            }
            r.put("best", row.best());
            r.put("differs", row.differs());
        }
        root.set("verdict", table.verdict() == null ? null : verdictNode(table.verdict()));
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict's own fields (not {@code Verdict}'s derived getters), ratings by run id in order. */
    private static ObjectNode verdictNode(Verdict v) {
        ObjectNode node = Json.object();
        node.put("winner_run_id", v.winnerRunId());
        node.set("ratings", Json.toObject(new TreeMap<>(v.ratings())));
        node.put("notes", v.notes());
        node.put("blind", v.blind());
        node.put("outcome", v.outcome());
        return node;
    }

    /**
     * The CSV export: a header {@code attempt,title,status,} then one column per numeric metric key (raw numbers,
     * empty when not measured), and {@code verify} (the cell) with {@code verify_ms}; one row per attempt. Lines end
     * with CRLF; a field with a comma, a quote or a line break is quoted.
     */
    public static String csv(CompareTable table) {
        List<String> header = new ArrayList<>(List.of("attempt", "title", "status"));
        for (MetricRow row : table.rows()) {
            Metric metric = Metric.ofKey(row.key()).orElse(null);
            if (metric == Metric.STATUS) {
                continue;
            }
            header.add(row.key());
            if (metric == Metric.VERIFY) {
                header.add("verify_ms");
            }
        }
        StringBuilder csv = new StringBuilder();
        csvLine(csv, header);
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            List<String> fields = new ArrayList<>(List.of(c.label() != null ? c.label() : String.valueOf(i + 1),
                    c.title(), nullToEmpty(c.status())));
            for (MetricRow row : table.rows()) {
                Metric metric = Metric.ofKey(row.key()).orElse(null);
                if (metric == Metric.STATUS) {
                    continue;
                }
                if (metric == Metric.VERIFY) {
                    fields.add(row.cells().get(i).equals("—") ? "" : row.cells().get(i));
                }
                fields.add(raw(row.values().get(i)));
            }
            csvLine(csv, fields);
        }
        return csv.toString();
    }

    /** A raw number as CSV writes it: integral values without a decimal point, nothing for null. */
    public static String raw(Double v) {
        if (v == null) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : Double.toString(v);
    }

    private static void csvLine(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            String f = nullToEmpty(fields.get(i));
            boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
            csv.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
        }
        csv.append("\r\n");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
