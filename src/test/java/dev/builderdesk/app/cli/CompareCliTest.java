package dev.builderdesk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.app.cli.CliTest.Result;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.compare.CompareImport;
import dev.builderdesk.compare.CompareTable;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.testkit.Csv;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code builder-desk compare} and {@code compare export} against the real server and the scripted provider: what
 * they print is the API's group, the CSV parses, a blind comparison names no model, and the exit codes.
 */
class CompareCliTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String app;
    static String quokka;
    static String wombat;
    static ClientRuntime runtime;
    static RunApiClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, TestServer.Options.defaults().maxSteps(6));
        app = server.createApp("app", "vite-react").get("id").asText();
        quokka = model("Quokka Coder", "quokka-7b");
        wombat = model("Wombat Builder", "wombat-13b");
        runtime = new ClientRuntime();
        client = RunApiClients.connect(runtime, ServerConnection.of(server.baseUrl(), TestServer.ACME_OWNER));
    }

    static String model(String name, String providerModelId) {
        return server.owner().post("/models", Map.of("name", name, "providers",
                List.of(Map.of("provider", "scripted", "provider_model_id", providerModelId)))).json()
                .get("id").asText();
    }

    @AfterAll
    static void stop() {
        runtime.close();
        server.close();
    }

    static Result compare(String... args) {
        List<String> all = new ArrayList<>(List.of("compare", "--server", server.baseUrl(), "--token",
                TestServer.ACME_OWNER, "--app", app));
        all.addAll(List.of(args));
        return CliTest.cli(all.toArray(String[]::new));
    }

    static String groupId(Result r) {
        Matcher m = Pattern.compile("Comparison (\\S+) · ").matcher(r.err());
        assertThat(m.find()).as(r.err()).isTrue();
        return m.group(1);
    }

    /** Quokka writes a file; Wombat, when asked, fails a tool call and recovers. */
    private static void scriptTwoAttempts() {
        scriptQuokka();
        server.llm().script("wombat-13b",
                Reply.toolCall("Reading.", "coding_agent_read_file", "{\"path\":\"src/Missing.tsx\"}"),
                Reply.text("Nothing to do."));
    }

    private static void scriptQuokka() {
        server.llm().script("quokka-7b",
                Reply.toolCall("Writing.", "coding_agent_write_file", "{\"path\":\"NOTES.md\",\"content\":\"hi\\n\"}"),
                Reply.text("Done, as Quokka Coder."));
    }

    @Test
    void csvHoldsTheSameMetricsAsTheApiGroupAndExitsZero() {
        scriptTwoAttempts();
        Result r = compare("--models", quokka + "," + wombat, "--format", "csv", "Add notes");
        assertThat(r.code()).as(r.err()).isZero();
        String id = groupId(r);
        JsonNode group = server.owner().get("/admin/apps/" + app + "/coding-agent/compare-groups/" + id).json();
        List<List<String>> rows = Csv.parse(r.out());
        List<String> header = rows.get(0);
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 2; i++) {
            JsonNode run = group.get("runs").get(i);
            JsonNode metrics = run.get("metrics");
            List<String> row = rows.get(i + 1);
            assertThat(row.get(header.indexOf("attempt"))).isEqualTo(group.get("labels")
                    .get(run.get("run_id").asText()).asText());
            assertThat(row.get(header.indexOf("status"))).isEqualTo("completed");
            assertThat(row.get(header.indexOf("title"))).endsWith(run.get("resolved_model_name").asText());
            for (String key : List.of("ttft_ms", "duration_ms", "model_steps", "tool_calls", "tool_failures",
                    "retries", "files_changed", "lines_added", "lines_removed", "sandbox_prep_ms")) {
                assertThat(row.get(header.indexOf(key))).as(key).isEqualTo(metrics.get(key).asText());
            }
            assertThat(row.get(header.indexOf("input_tokens"))).isEqualTo(run.get("usage").get("input_tokens")
                    .asText());
            assertThat(row.get(header.indexOf("output_tokens"))).isEqualTo(run.get("usage").get("output_tokens")
                    .asText());
        }
        assertThat(r.out()).contains("Quokka Coder", "Wombat Builder");
    }

    @Test
    void textAndJsonPrintTheTableOfTheApiGroupAndExportPrintsItAgain() throws Exception {
        scriptQuokka();
        Result text = compare("--models", quokka + ",auto", "Add notes");
        assertThat(text.code()).as(text.err()).isZero();
        String id = groupId(text);
        CompareGroup group = client.compareGroup(app, id);
        CompareTable table = CompareTable.of(group, m -> null);
        assertThat(table.columns()).extracting(CompareTable.Column::title).anyMatch(t -> t.contains("Auto → "));
        assertThat(text.out()).startsWith("Comparison " + id + "\nPrompt: Add notes\n");
        for (CompareTable.Column c : table.columns()) {
            assertThat(text.out()).contains(c.title());
        }
        for (CompareTable.MetricRow row : table.rows()) {
            Matcher line = Pattern.compile("(?m)^" + Pattern.quote(row.label()) + " .*$").matcher(text.out());
            assertThat(line.find()).as(row.key()).isTrue();
            for (String cell : row.cells()) {
                assertThat(line.group()).as(row.key()).contains(cell);
            }
        }
        assertThat(text.err()).contains("A completed", "B completed");

        Result json = CliTest.cli("compare", "export", id, "--format", "json", "--server", server.baseUrl(),
                "--token", TestServer.ACME_OWNER, "--app", app);
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(CompareImport.fromJson(json.out())).isEqualTo(table);
        Result md = CliTest.cli("compare", "export", id, "--server", server.baseUrl(), "--token",
                TestServer.ACME_OWNER, "--app", app);
        assertThat(md.out()).startsWith("# Comparison").contains("| Metric |").contains("No verdict yet.");
    }

    @Test
    void aBlindComparisonPrintsNoModel() throws Exception {
        scriptTwoAttempts();
        Result r = compare("--models", quokka + "," + wombat, "--blind", "--format", "json", "Add notes");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("models_hidden").asBoolean()).isTrue();
        for (String secret : List.of(quokka, wombat, "Quokka", "Wombat", "quokka-7b", "wombat-13b")) {
            assertThat(r.out()).doesNotContain(secret);
            assertThat(r.err()).doesNotContain(secret);
        }
        assertThat(root.get("columns")).extracting(c -> c.get("title").asText())
                .containsExactly("Model A", "Model B");
    }

    @Test
    void anAttemptThatFailsExitsOne() {
        server.llm().script("wombat-13b", Reply.status(401, "bad key"));
        server.llm().script("quokka-7b", Reply.text("Fine."));
        Result r = compare("--models", quokka + "," + wombat, "--format", "md", "Try");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).containsPattern("[AB] failed").containsPattern("[AB] completed");
        assertThat(r.out()).contains("| Status |").contains("failed");
    }

    @Test
    void usageAndHttpErrorsExitTwoWithACodedMessage() {
        Result help = CliTest.cli("compare", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--models", "--blind", "export");
        Result noModels = compare("Try");
        assertThat(noModels.code()).isEqualTo(2);
        assertThat(noModels.err()).contains("Missing required option: '--models");
        Result noServer = CliTest.cli("compare", "--models", quokka + "," + wombat, "Try");
        assertThat(noServer.code()).isEqualTo(2);
        assertThat(noServer.err()).contains("--server");
        Result noPrompt = compare("--models", quokka + "," + wombat);
        assertThat(noPrompt.code()).isEqualTo(2);
        Result badFormat = compare("--models", quokka + "," + wombat, "--format", "xml", "Try");
        assertThat(badFormat.code()).isEqualTo(2);
        Result one = compare("--models", quokka, "Try");
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).startsWith("Error: ").contains("HTTP 422").doesNotContain("Exception");
        Result unknown = compare("--models", quokka + ",33333333-3333-4333-8333-333333333333", "Try");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("Error: ").containsPattern("\\[[A-Z_]+\\] \\(HTTP 4\\d\\d\\)");
        Result badToken = CliTest.cli("compare", "--server", server.baseUrl(), "--token", "wrong", "--app", app,
                "--models", quokka + "," + wombat, "Try");
        assertThat(badToken.code()).isEqualTo(2);
        Result missingGroup = CliTest.cli("compare", "export", "33333333-3333-4333-8333-333333333333",
                "--server", server.baseUrl(), "--token", TestServer.ACME_OWNER, "--app", app);
        assertThat(missingGroup.code()).isEqualTo(2);
        assertThat(missingGroup.err()).contains("HTTP 404");
    }
}
