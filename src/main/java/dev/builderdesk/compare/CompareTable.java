package dev.builderdesk.compare;

import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.RunUsage;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.protocol.VerifyResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The metrics table of one comparison: one column per attempt in the group's (letter) order, one row per metric of
 * {@link Metric} in that order, each with human-readable cells, the raw numbers, the column with the best value and
 * whether the attempts differ. While the group hides its models (blind, no verdict yet) no model id or name enters
 * the table: the columns are titled "Model A", and the group's verdict is not kept (there is none).
 *
 * <p>Best value (docs/compare.md): for the rows where lower is better (TTFT, duration, tokens, tool failures,
 * retries, sandbox preparation) the one column with the lowest value among the attempts that completed; for verify
 * the fastest attempt that passed; no best when no attempt qualifies, when the lowest value is shared (all equal
 * included) or when the table has one column. Steps, tool calls, files and lines have no best.
 *
 * <p>The chart's series ({@link #series()}) are the raw values of the duration, output tokens and tool failures rows.
 */
public record CompareTable(String groupId, String input, Instant createdAt, boolean blind, boolean modelsHidden,
        Verdict verdict, List<Column> columns, List<MetricRow> rows) {
    /** The metric keys of the chart, in order. */
    public static final List<String> CHART_KEYS = List.of("duration_ms", "output_tokens", "tool_failures");

    /** One attempt: its run, its letter ("A", or null without labels), its title and its status. */
    public record Column(String runId, String label, String title, String status) {
    }

    /**
     * One metric across the attempts: a cell and a raw value (null when not measured, or for text rows) per column,
     * the column index of the best value (-1: none) and whether the cells are not all the same.
     */
    public record MetricRow(String key, String label, List<String> cells, List<Double> values, int best,
            boolean differs) {
        public MetricRow {
            cells = List.copyOf(cells);
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** One bar series of the chart: a metric's raw values per column (null: not measured). */
    public record Series(String key, String label, List<Double> values) {
    }

    /** A table as read back (an import) or built; {@code modelsHidden}: the columns hide their models. */
    public CompareTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * The table of {@code group}. {@code modelName} names a model id for the runs that carry no
     * {@code resolved_model_name} (it may answer null); it is never asked while the group hides its models.
     */
    public static CompareTable of(CompareGroup group, Function<String, String> modelName) {
        boolean hidden = group.blind() && group.verdict() == null;
        List<Run> runs = group.runs() == null ? List.of() : group.runs();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            String label = group.labelOf(run.runId());
            columns.add(new Column(run.runId(), label, title(run, label, i, hidden, modelName), run.status()));
        }
        List<MetricRow> rows = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            rows.add(metric.row(runs));
        }
        return new CompareTable(group.id(), group.input(), group.createdAt(), group.blind(), hidden,
                hidden ? null : group.verdict(), columns, rows);
    }

    private static String title(Run run, String label, int index, boolean hidden, Function<String, String> names) {
        if (hidden) {
            return "Model " + (label != null ? label : String.valueOf((char) ('A' + index)));
        }
        String model = modelTitle(run, names);
        return label == null ? model : label + " · " + model;
    }

    private static String modelTitle(Run run, Function<String, String> names) {
        String resolved = run.resolvedModelName();
        if (resolved == null && run.resolvedModelId() != null) {
            resolved = Objects.requireNonNullElse(names.apply(run.resolvedModelId()), run.resolvedModelId());
        }
        if (run.requestedModelId() == null) {
            return resolved == null ? "Auto" : "Auto → " + resolved;
        }
        if (resolved != null) {
            return resolved;
        }
        return Objects.requireNonNullElse(names.apply(run.requestedModelId()), run.requestedModelId());
    }

    /** The rows, or with {@code differencesOnly} only those whose cells are not all the same. */
    public List<MetricRow> rows(boolean differencesOnly) {
        return differencesOnly ? rows.stream().filter(MetricRow::differs).toList() : rows;
    }

    /** The row of a metric key ({@code "duration_ms"}, …). */
    public MetricRow row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + key));
    }

    /** The chart's bar series, {@link #CHART_KEYS} in order. */
    public List<Series> series() {
        return CHART_KEYS.stream().map(this::row).map(r -> new Series(r.key(), r.label(), r.values())).toList();
    }

    /** The metrics, in the table's order; each knows its label, how to read a run and which value is best. */
    public enum Metric {
        STATUS("status", "Status", Kind.TEXT, Best.NONE),
        // Second: whether the attempt builds is what a short window must show first.
        VERIFY("verify", "Verify", Kind.VERIFY, Best.PASSED_FASTEST),
        TTFT("ttft_ms", "TTFT", Kind.MILLIS, Best.LOWEST),
        DURATION("duration_ms", "Duration", Kind.MILLIS, Best.LOWEST),
        INPUT_TOKENS("input_tokens", "Input tokens", Kind.COUNT, Best.LOWEST),
        OUTPUT_TOKENS("output_tokens", "Output tokens", Kind.COUNT, Best.LOWEST),
        MODEL_STEPS("model_steps", "Model steps", Kind.COUNT, Best.NONE),
        TOOL_CALLS("tool_calls", "Tool calls", Kind.COUNT, Best.NONE),
        TOOL_FAILURES("tool_failures", "Tool failures", Kind.COUNT, Best.LOWEST),
        RETRIES("retries", "Retries", Kind.COUNT, Best.LOWEST),
        FILES_CHANGED("files_changed", "Files changed", Kind.COUNT, Best.NONE),
        LINES_ADDED("lines_added", "Lines added", Kind.COUNT, Best.NONE),
        LINES_REMOVED("lines_removed", "Lines removed", Kind.COUNT, Best.NONE),
        SANDBOX_PREP("sandbox_prep_ms", "Sandbox preparation", Kind.MILLIS, Best.LOWEST);

        /** How a metric's value reads: text, milliseconds, a count, or a verify result (its duration as value). */
        public enum Kind { TEXT, MILLIS, COUNT, VERIFY }

        private enum Best { NONE, LOWEST, PASSED_FASTEST }

        private final String key;
        private final String label;
        private final Kind kind;
        private final Best best;

        Metric(String key, String label, Kind kind, Best best) {
            this.key = key;
            this.label = label;
            this.kind = kind;
            this.best = best;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        public Kind kind() {
            return kind;
        }

        /** The metric of a key, if there is one. */
        public static Optional<Metric> ofKey(String key) {
            for (Metric m : values()) {
                if (m.key.equals(key)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }

        MetricRow row(List<Run> runs) {
            List<String> cells = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Run run : runs) {
                Double value = value(run);
                values.add(value);
                cells.add(cell(run, value));
            }
            boolean differs = cells.stream().distinct().count() > 1;
            return new MetricRow(key, label, cells, values, best(runs, values), differs);
        }

        private Double value(Run run) {
            RunMetrics m = run.metrics() == null ? RunMetrics.EMPTY : run.metrics();
            RunUsage usage = run.usage();
            return switch (this) {
                case STATUS -> null;
                case TTFT -> number(m.ttftMs());
                case DURATION -> number(m.durationMs());
                case INPUT_TOKENS -> usage == null ? null : (double) usage.inputTokens();
                case OUTPUT_TOKENS -> usage == null ? null : (double) usage.outputTokens();
                case MODEL_STEPS -> (double) m.modelSteps();
                case TOOL_CALLS -> (double) m.toolCalls();
                case TOOL_FAILURES -> (double) m.toolFailures();
                case RETRIES -> (double) m.retries();
                case FILES_CHANGED -> (double) m.filesChanged();
                case LINES_ADDED -> (double) m.linesAdded();
                case LINES_REMOVED -> (double) m.linesRemoved();
                case SANDBOX_PREP -> number(m.sandboxPrepMs());
                case VERIFY -> m.verify() == null ? null : (double) m.verify().durationMs();
            };
        }

        private String cell(Run run, Double value) {
            if (this == STATUS) {
                return Objects.requireNonNullElse(run.status(), "—");
            }
            if (this == VERIFY) {
                return verifyCell(run.metrics() == null ? null : run.metrics().verify());
            }
            if (value == null) {
                return "—";
            }
            long n = value.longValue();
            if (this == TOOL_FAILURES && n > 0) {
                return failuresCell(run, n);
            }
            return kind == Kind.MILLIS ? millis(n) : count(n);
        }

        /**
         * "2 (1 recovered)": how many failures the attempt got past, as the server counted them; a run stored
         * before they were counted got past them all if it completed.
         */
        private static String failuresCell(Run run, long n) {
            Integer recovered = run.metrics().toolFailuresRecovered();
            if (recovered == null) {
                return completed(run) ? count(n) + " (" + count(n) + " recovered)" : count(n);
            }
            return count(n) + (recovered == 0 ? " (none recovered)" : " (" + count(recovered) + " recovered)");
        }

        private int best(List<Run> runs, List<Double> values) {
            if (best == Best.NONE || runs.size() < 2) {
                return -1;
            }
            int bestIndex = -1;
            boolean shared = false;
            for (int i = 0; i < runs.size(); i++) {
                Double v = values.get(i);
                if (v == null || !candidate(runs.get(i))) {
                    continue;
                }
                if (bestIndex < 0 || v < values.get(bestIndex)) {
                    bestIndex = i;
                    shared = false;
                } else if (v.equals(values.get(bestIndex))) {
                    shared = true;
                }
            }
            return shared ? -1 : bestIndex;
        }

        private boolean candidate(Run run) {
            if (best == Best.PASSED_FASTEST) {
                VerifyResult v = run.metrics() == null ? null : run.metrics().verify();
                return v != null && VerifyResult.PASSED.equals(v.status());
            }
            if (this == TOOL_FAILURES) {
                // No tool call, no failure to avoid: an attempt that used no tool is not best at using them.
                return completed(run) && run.metrics() != null && run.metrics().toolCalls() > 0;
            }
            return completed(run);
        }

        private static boolean completed(Run run) {
            return RunStatus.COMPLETED.wire().equals(run.status());
        }

        private static Double number(Long value) {
            return value == null ? null : value.doubleValue();
        }
    }

    /** "✓ 3.2 s", "✗ exit 2", "timed out", "not started", or "—" without a result. */
    static String verifyCell(VerifyResult v) {
        if (v == null) {
            return "—";
        }
        return switch (v.status()) {
            case VerifyResult.PASSED -> "✓ " + millis(v.durationMs());
            case VerifyResult.FAILED -> "✗ exit " + (v.exitCode() == null ? "?" : v.exitCode());
            case VerifyResult.TIMED_OUT -> "timed out";
            case VerifyResult.NOT_STARTED -> "not started";
            default -> v.status();
        };
    }

    /** "830 ms" below a second, "1.2 s" below a minute, "2 min 05 s" above. */
    public static String millis(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long seconds = Math.round(ms / 1000.0);
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** "12,345". */
    public static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }
}
