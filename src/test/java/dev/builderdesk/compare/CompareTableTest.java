package dev.builderdesk.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.compare.CompareTable.Column;
import dev.builderdesk.compare.CompareTable.MetricRow;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunUsage;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.protocol.VerifyResult;
import dev.builderdesk.testkit.Csv;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The comparison table: titles (blind or not), cells, best values, differences, and its three exports. */
class CompareTableTest {
    static final Instant CREATED = Instant.parse("2026-12-01T10:15:30.123Z");
    static final String QUOKKA = "11111111-1111-4111-8111-111111111111";
    static final String WOMBAT = "22222222-2222-4222-8222-222222222222";
    static final Function<String, String> NAMES = id -> id.equals(WOMBAT) ? "Wombat Builder" : null;

    static Run run(String id, String status, String requested, String resolved, String name, RunUsage usage,
            RunMetrics metrics) {
        return new Run(id, status, "native", Run.SURFACE, "app", "rev", null, null, requested, resolved, null,
                CREATED, CREATED, CREATED, "s-" + id, "g1", false, name, List.of(), usage, metrics, "prompt", null,
                null);
    }

    /** Metrics stored before recovered failures were counted. */
    static RunMetrics metrics(Long ttft, Long duration, int failures, int files, VerifyResult verify, Long prep) {
        return metrics(ttft, duration, failures, null, files, verify, prep);
    }

    static RunMetrics metrics(Long ttft, Long duration, int failures, Integer recovered, int files,
            VerifyResult verify, Long prep) {
        return new RunMetrics(ttft, duration, 3, 4, failures, 0, files, files * 10, 2, verify, prep, recovered);
    }

    /** A: Quokka (named by the run), B: Wombat (named by the lookup), C: Auto → Quokka, failed. */
    static CompareGroup group(boolean blind, Verdict verdict) {
        boolean hide = blind && verdict == null;
        List<Run> runs = List.of(
                run("r1", "completed", hide ? null : QUOKKA, hide ? null : QUOKKA, hide ? null : "Quokka Coder",
                        new RunUsage(12_345, 830), metrics(830L, 3_200L, 2, 2,
                                new VerifyResult(VerifyResult.PASSED, 0, 3_200, "ok"), 40L)),
                run("r2", "completed", hide ? null : WOMBAT, hide ? null : WOMBAT, null,
                        new RunUsage(9_000, 1_200), metrics(1_500L, 65_000L, 0, 1,
                                new VerifyResult(VerifyResult.FAILED, 2, 900, "error"), 40L)),
                run("r3", "failed", null, hide ? null : QUOKKA, hide ? null : "Quokka Coder",
                        new RunUsage(100, 10), metrics(null, 400L, 1, 0, null, 40L)));
        return new CompareGroup("g1", "Add a | pricing section,\nthree \"tiers\"", CREATED, runs, verdict, blind,
                Map.of("r1", "A", "r2", "B", "r3", "C"));
    }

    static Verdict winnerA() {
        return new Verdict("r1", Map.of("r1", 5, "r2", 3), "A is tidy", false, Verdict.WINNER);
    }

    @Test
    void toolFailuresSayHowManyTheAttemptGotPastAsTheServerCountedThem() {
        List<Run> runs = List.of(
                run("r1", "failed", QUOKKA, QUOKKA, "Quokka Coder", null, metrics(1L, 1L, 3, 1, 0, null, null)),
                run("r2", "cancelled", QUOKKA, QUOKKA, "Quokka Coder", null, metrics(1L, 1L, 2, 0, 0, null, null)),
                run("r3", "completed", QUOKKA, QUOKKA, "Quokka Coder", null, metrics(1L, 1L, 1, 1, 0, null, null)),
                run("r4", "completed", QUOKKA, QUOKKA, "Quokka Coder", null,
                        new RunMetrics(1L, 1L, 1, 0, 0, 0, 0, 0, 0, null, null, 0)));
        CompareTable table = CompareTable.of(new CompareGroup("g", "p", CREATED, runs, null), NAMES);
        assertThat(table.row("tool_failures").cells()).containsExactly("3 (1 recovered)", "2 (none recovered)",
                "1 (1 recovered)", "0");
        assertThat(table.row("tool_failures").values()).containsExactly(3.0, 2.0, 1.0, 0.0);
        // r4 made no tool call: its 0 failures are not the best; r3, the only other completed one, is.
        assertThat(table.row("tool_failures").best()).isEqualTo(2);
    }

    @Test
    void columnsAreTitledByLetterAndModelAutoShowsWhatItResolvedTo() {
        CompareTable table = CompareTable.of(group(false, null), NAMES);
        assertThat(table.columns()).containsExactly(
                new Column("r1", "A", "A · Quokka Coder", "completed"),
                new Column("r2", "B", "B · Wombat Builder", "completed"),
                new Column("r3", "C", "C · Auto → Quokka Coder", "failed"));
        CompareGroup unlabelled = new CompareGroup("g", "p", CREATED, List.of(run("x", "queued", QUOKKA, null, null,
                null, null), run("y", "queued", null, null, null, null, null)), null);
        assertThat(CompareTable.of(unlabelled, id -> "Quokka Coder").columns()).extracting(Column::title)
                .containsExactly("Quokka Coder", "Auto");
    }

    @Test
    void rowsComeInOrderWithReadableCellsAndRawValues() {
        CompareTable table = CompareTable.of(group(false, null), NAMES);
        assertThat(table.rows()).extracting(MetricRow::key).containsExactly("status", "verify", "ttft_ms",
                "duration_ms", "input_tokens", "output_tokens", "model_steps", "tool_calls", "tool_failures",
                "retries", "files_changed", "lines_added", "lines_removed", "sandbox_prep_ms");
        assertThat(table.row("ttft_ms").cells()).containsExactly("830 ms", "1.5 s", "—");
        assertThat(table.row("ttft_ms").values()).containsExactly(830.0, 1500.0, null);
        assertThat(table.row("duration_ms").cells()).containsExactly("3.2 s", "1 min 05 s", "400 ms");
        assertThat(table.row("input_tokens").cells()).containsExactly("12,345", "9,000", "100");
        assertThat(table.row("tool_failures").cells()).containsExactly("2 (2 recovered)", "0", "1");
        assertThat(table.row("verify").cells()).containsExactly("✓ 3.2 s", "✗ exit 2", "—");
        assertThat(table.row("verify").values()).containsExactly(3200.0, 900.0, null);
    }

    @Test
    void bestIsTheUniqueLowestAmongCompletedAttemptsAndNoneWhenShared() {
        CompareTable table = CompareTable.of(group(false, null), NAMES);
        // C failed in 400 ms: a failure is no candidate for the fastest.
        assertThat(table.row("duration_ms").best()).isZero();
        assertThat(table.row("ttft_ms").best()).isZero();
        assertThat(table.row("input_tokens").best()).isEqualTo(1);
        assertThat(table.row("output_tokens").best()).isZero();
        assertThat(table.row("tool_failures").best()).isEqualTo(1);
        // Verify: the fastest that passed, not B's quicker failure.
        assertThat(table.row("verify").best()).isZero();
        // No best for counts that are neither good nor bad, nor for a value all share.
        assertThat(table.row("model_steps").best()).isEqualTo(-1);
        assertThat(table.row("files_changed").best()).isEqualTo(-1);
        assertThat(table.row("retries").best()).isEqualTo(-1);
        assertThat(table.row("sandbox_prep_ms").best()).isEqualTo(-1);
    }

    @Test
    void differencesOnlyLeavesOutRowsWhereEveryAttemptIsTheSame() {
        CompareTable table = CompareTable.of(group(false, null), NAMES);
        assertThat(table.rows(true)).extracting(MetricRow::key).doesNotContain("model_steps", "tool_calls",
                "retries", "lines_removed", "sandbox_prep_ms").contains("status", "duration_ms", "verify");
        assertThat(table.rows(false)).hasSize(14);
    }

    @Test
    void chartSeriesAreTheRawDurationOutputTokensAndToolFailures() {
        CompareTable table = CompareTable.of(group(false, null), NAMES);
        assertThat(table.series()).extracting(CompareTable.Series::key)
                .containsExactly("duration_ms", "output_tokens", "tool_failures");
        assertThat(table.series().get(0).values()).containsExactly(3200.0, 65000.0, 400.0);
        assertThat(table.series().get(2).values()).containsExactly(2.0, 0.0, 1.0);
    }

    @Test
    void aBlindGroupWithoutVerdictNamesNoModelInTheTableOrAnyExport() {
        List<String> secrets = List.of(QUOKKA, WOMBAT, "Quokka", "Wombat", "Auto");
        // The lookup would name every model: it must not be asked.
        CompareTable table = CompareTable.of(group(true, null), id -> "Wombat Builder");
        assertThat(table.modelsHidden()).isTrue();
        assertThat(table.columns()).extracting(Column::title).containsExactly("Model A", "Model B", "Model C");
        for (String text : List.of(table.toString(), CompareExport.text(table), CompareExport.markdown(table),
                CompareExport.json(table), CompareExport.csv(table))) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
        // Once the verdict is saved the same group shows its models.
        CompareTable revealed = CompareTable.of(group(true, winnerA()), NAMES);
        assertThat(revealed.modelsHidden()).isFalse();
        assertThat(revealed.columns().get(0).title()).isEqualTo("A · Quokka Coder");
    }

    @Test
    void markdownHoldsTheTableThePromptAndTheVerdict() {
        String md = CompareExport.markdown(CompareTable.of(group(false, winnerA()), NAMES));
        assertThat(md).contains("> Add a | pricing section,\n> three \"tiers\"\n")
                .contains("| Metric | A · Quokka Coder | B · Wombat Builder | C · Auto → Quokka Coder |\n"
                        + "|---|---|---|---|\n| Status | completed | completed | failed |\n")
                .contains("| Duration | **3.2 s** | 1 min 05 s | 400 ms |")
                .contains("| Tool failures | 2 (2 recovered) | **0** | 1 |")
                .contains("Verdict: winner A · Quokka Coder. Ratings: A 5/5, B 3/5. Notes: A is tidy");
        assertThat(md.lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(15);
    }

    @Test
    void jsonHasTheSchemaVersionRawValuesAndImportsBackToTheSameTable() throws Exception {
        CompareTable table = CompareTable.of(group(false, winnerA()), NAMES);
        String json = CompareExport.json(table);
        JsonNode root = Json.mapper().readTree(json);
        assertThat(root.get("schema_version").asInt()).isEqualTo(1);
        assertThat(root.get("group_id").asText()).isEqualTo("g1");
        assertThat(root.get("created_at").asText()).isEqualTo("2026-12-01T10:15:30.123000+00:00");
        assertThat(root.get("columns").get(1).get("run_id").asText()).isEqualTo("r2");
        JsonNode duration = root.get("rows").get(3);
        assertThat(duration.get("key").asText()).isEqualTo("duration_ms");
        assertThat(duration.get("values").get(1).isIntegralNumber()).isTrue();
        assertThat(duration.get("values").get(1).asLong()).isEqualTo(65_000);
        assertThat(root.get("verdict").get("winner_run_id").asText()).isEqualTo("r1");
        assertThat(root.get("verdict").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("winner_run_id", "ratings", "notes", "blind", "outcome");
        assertThat(root.properties()).extracting(Map.Entry::getKey).containsExactly("schema_version", "group_id",
                "input", "created_at", "blind", "models_hidden", "columns", "rows", "verdict");

        CompareTable back = CompareImport.fromJson(json);
        assertThat(back.columns()).isEqualTo(table.columns());
        assertThat(back.rows()).isEqualTo(table.rows());
        assertThat(back).isEqualTo(table);
        CompareTable blind = CompareTable.of(group(true, null), NAMES);
        assertThat(CompareImport.fromJson(CompareExport.json(blind))).isEqualTo(blind);
    }

    @Test
    void importRefusesOtherSchemasAndNonExports() {
        assertThatThrownBy(() -> CompareImport.fromJson("{\"schema_version\":2}"))
                .isInstanceOf(CompareImport.ImportException.class).hasMessageContaining("schema_version 2");
        assertThatThrownBy(() -> CompareImport.fromJson("not json"))
                .isInstanceOf(CompareImport.ImportException.class);
        assertThatThrownBy(() -> CompareImport.fromJson("{\"schema_version\":1,\"columns\":[]}"))
                .isInstanceOf(CompareImport.ImportException.class).hasMessageContaining("rows is missing");
    }

    @Test
    void csvHasOneRowPerAttemptWithRawNumbersAndQuotesWhatNeedsIt() {
        CompareTable table = CompareTable.of(group(false, null), NAMES);
        String csv = CompareExport.csv(table);
        List<List<String>> rows = Csv.parse(csv);
        assertThat(rows.get(0)).containsExactly("attempt", "title", "status", "verify", "verify_ms", "ttft_ms",
                "duration_ms", "input_tokens", "output_tokens", "model_steps", "tool_calls", "tool_failures",
                "retries", "files_changed", "lines_added", "lines_removed", "sandbox_prep_ms");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).containsExactly("A", "A · Quokka Coder", "completed", "✓ 3.2 s", "3200", "830",
                "3200", "12345", "830", "3", "4", "2", "0", "2", "20", "2", "40");
        assertThat(rows.get(3).subList(0, 7)).containsExactly("C", "C · Auto → Quokka Coder", "failed", "", "", "",
                "400");
        assertThat(csv).contains("\r\n");
        CompareGroup g = new CompareGroup("g", "p", CREATED, List.of(run("x", "completed", QUOKKA, QUOKKA,
                "Say \"hi\", ok", null, null), run("y", "completed", WOMBAT, WOMBAT, "W", null, null)), null);
        List<List<String>> parsed = Csv.parse(CompareExport.csv(CompareTable.of(g, NAMES)));
        assertThat(parsed.get(1).get(1)).isEqualTo("Say \"hi\", ok");
    }
}
