package dev.builderdesk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.Main;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code builder-desk run} and {@code attach} against the real server: output formats and exit codes. */
class CliTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String app;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, TestServer.Options.defaults().maxSteps(6));
        app = server.createApp("app", "vite-react").get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A finished invocation: exit code, standard output and standard error. */
    record Result(int code, String out, String err) {
        List<JsonNode> jsonLines() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    try {
                        lines.add(Json.mapper().readTree(line));
                    } catch (Exception e) {
                        throw new AssertionError("not JSON: " + line, e);
                    }
                }
            }
            return lines;
        }
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static String[] run(String format, String model, String prompt) {
        return new String[] {"run", "--server", server.baseUrl(), "--token", TestServer.ACME_OWNER, "--app", app,
            "--model", model, "--format", format, prompt};
    }

    @Test
    void jsonlPrintsOneNormalisedEnvelopePerLineAndExitsZero() {
        Result r = cli(run("jsonl", TestServer.MODEL_DEMO, "show me the tour"));
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> lines = r.jsonLines();
        for (JsonNode line : lines) {
            List<String> keys = new ArrayList<>();
            line.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("event", "run_id", "app_id", "seq", "ts", "stage", "payload",
                    "diagnostics");
        }
        assertThat(lines.get(0).get("event").asText()).isEqualTo("run.accepted");
        assertThat(lines.get(lines.size() - 1).get("event").asText()).isEqualTo("run.completed");
        assertThat(lines).extracting(l -> l.get("event").asText()).contains("tool.failed", "revision.created");
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("seq").asLong()).isEqualTo(i + 1L);
        }
    }

    @Test
    void textStreamsTheAnswerAndOneLinePerToolCall() {
        Result r = cli(run("text", TestServer.MODEL_DEMO, "show me the tour"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("This is the **demo model**").contains("→ coding_agent_list_files")
                .contains("✓ coding_agent_read_file").contains("✗ coding_agent_apply_patch: Missing required fields:"
                        + " patch [TOOL_INPUT_VALIDATION_FAILED]").contains("[completed] run ");
    }

    @Test
    void autoSendsNoModelAndTheRunRecordsTheResolvedOne() {
        Result r = cli(run("text", "auto", "hello"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Run ").contains("model Auto → Model A");
    }

    @Test
    void exitCodesSayHowTheRunEnded() throws Exception {
        server.llm().script("model-b", Reply.status(401, "bad key"));
        assertThat(cli(run("text", TestServer.MODEL_B, "fail please")).code()).isEqualTo(1);
        for (int i = 0; i < 7; i++) {
            server.llm().script("model-b", Reply.toolCall(null, "coding_agent_list_files", "{}"));
        }
        Result paused = cli(run("text", TestServer.MODEL_B, "loop"));
        assertThat(paused.code()).isEqualTo(4);
        assertThat(paused.out()).contains("[paused]");
        server.llm().script("model-b", Reply.slowText(500, 20));
        CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> cli(run("text", TestServer.MODEL_B,
                "slow")));
        String runId = null;
        while (runId == null) {
            Thread.sleep(50);
            for (JsonNode r : server.owner().get(TestServer.runs(app)).json()) {
                if (r.get("input").asText().equals("slow") && r.get("status").asText().equals("running")) {
                    runId = r.get("run_id").asText();
                }
            }
        }
        server.owner().post(TestServer.runs(app) + "/" + runId + "/cancel", null);
        assertThat(running.get().code()).isEqualTo(3);
    }

    @Test
    void usageAndHttpErrorsExitTwo() {
        Result blank = cli(run("text", "auto", "   "));
        assertThat(blank.code()).isEqualTo(2);
        assertThat(blank.err()).contains("input is required").contains("HTTP 400");
        Result missingApp = cli("run", "--server", server.baseUrl(), "--token", "t", "hello");
        assertThat(missingApp.code()).isEqualTo(2);
        assertThat(missingApp.err()).contains("Missing required option: '--app=<app>'");
        Result badToken = cli("run", "--server", server.baseUrl(), "--token", "wrong-token", "--app", app, "hi");
        assertThat(badToken.code()).isEqualTo(2);
        assertThat(badToken.err()).contains("Could not validate principal token");
    }

    @Test
    void attachFollowsAnExistingRunFromAGivenSeq() {
        String run = server.createRun(app, Map.of("input", "tour", "model_id", TestServer.MODEL_DEMO))
                .get("run_id").asText();
        server.awaitStatus(app, run, "completed");
        Result r = cli("attach", "--server", server.baseUrl(), "--token", TestServer.ACME_OWNER, "--app", app,
                "--run", run, "--from-seq", "5", "--format", "jsonl");
        assertThat(r.code()).isZero();
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines.get(0).get("seq").asLong()).isEqualTo(5);
        assertThat(lines.get(lines.size() - 1).get("event").asText()).isEqualTo("run.completed");
        Result unknown = cli("attach", "--server", server.baseUrl(), "--token", TestServer.ACME_OWNER, "--app", app,
                "--run", "33333333-3333-4333-8333-333333333333");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Coding-agent run not found");
    }
}
