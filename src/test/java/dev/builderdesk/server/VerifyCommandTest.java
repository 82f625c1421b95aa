package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An app's verify command (ours): set over the API, run in each comparison attempt's sandbox, kept in its metrics. */
class VerifyCommandTest extends ServerTestBase {
    Api owner;

    @BeforeEach
    void start() {
        start(TestServer.Options.defaults(), "vite-react");
        owner = server.owner();
    }

    private Api.Resp setVerify(Object verify) {
        Map<String, Object> body = new HashMap<>();
        body.put("verify", verify);
        return owner.send("PATCH", "/admin/apps/" + app, body);
    }

    /** One attempt whose model writes {@code NOTE.txt}, to its end. */
    private JsonNode attempt(String note, boolean autoApply) {
        server.llm().script("model-a", Reply.toolCall("Writing.", "coding_agent_write_file",
                "{\"path\":\"NOTE.txt\",\"content\":\"" + note + "\"}"), Reply.text("Done."));
        String run = server.createRun(app, Map.of("input", "write the note", "compare_group_id", "g",
                "auto_apply", autoApply, "model_id", TestServer.MODEL_A)).get("run_id").asText();
        server.streamToEnd(app, run);
        return server.awaitStatus(app, run, "completed");
    }

    @Test
    void theCommandIsSetShownValidatedAndRemovedOverTheApi() {
        JsonNode set = setVerify(Map.of("argv", List.of("npm", "run", "build"), "timeout_s", 30)).json();
        assertThat(set.get("verify").get("argv")).extracting(JsonNode::asText).containsExactly("npm", "run", "build");
        assertThat(set.get("verify").get("timeout_s").asInt()).isEqualTo(30);
        assertThat(owner.get("/admin/apps/" + app).json().get("verify").get("timeout_s").asInt()).isEqualTo(30);
        assertThat(setVerify(Map.of("argv", List.of("make"))).json().get("verify").get("timeout_s").asInt())
                .as("the default timeout").isEqualTo(120);

        for (Object bad : List.of(Map.of(), Map.of("timeout_s", 5), Map.of("argv", List.of()),
                Map.of("argv", "npm run build"),
                Map.of("argv", List.of(" ")), Map.of("argv", List.of("make", 7)), Map.of("argv", List.of("make"),
                "timeout_s", 0), Map.of("argv", List.of("make"), "timeout_s", 3601), Map.of("argv", List.of("make"),
                "shell", true), "make")) {
            Api.Resp refused = setVerify(bad);
            assertThat(refused.status()).as(String.valueOf(bad)).isEqualTo(422);
            assertThat(refused.detail().isArray()).isTrue();
        }
        assertThat(owner.get("/admin/apps/" + app).json().get("verify").get("argv").get(0).asText())
                .as("a refused change changes nothing").isEqualTo("make");
        assertThat(owner.send("PATCH", "/admin/apps/" + app, Map.of("colour", "red")).status()).isEqualTo(422);

        assertThat(setVerify(null).json().get("verify").isNull()).isTrue();
        assertThat(owner.get("/admin/apps/" + app).json().get("verify").isNull()).isTrue();
    }

    @Test
    void anAttemptIsVerifiedInItsOwnSandboxWithItsOwnFiles() {
        // No shell is added: the argv is the program and its arguments (this one asks for a shell itself).
        setVerify(Map.of("argv", List.of("sh", "-c", "cat NOTE.txt; test -f package.json && pwd; exit 3")));
        JsonNode run = attempt("attempt one", false);

        JsonNode verify = run.get("metrics").get("verify");
        assertThat(verify.get("status").asText()).isEqualTo("failed");
        assertThat(verify.get("exit_code").asInt()).isEqualTo(3);
        assertThat(verify.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(verify.get("output_tail").asText()).startsWith("attempt one")
                .contains("sandboxes").contains(run.get("run_id").asText());
        // The draft stays where it was: an attempt is applied only when the user says so.
        assertThat(owner.get("/admin/apps/" + app + "/files/content?path=NOTE.txt").status()).isEqualTo(404);

        setVerify(Map.of("argv", List.of("sh", "-c", "grep -q 'attempt two' NOTE.txt")));
        assertThat(attempt("attempt two", false).get("metrics").get("verify").get("status").asText())
                .isEqualTo("passed");
        // A run applied as it goes is not an attempt: nothing checks it.
        assertThat(attempt("applied", true).get("metrics").get("verify").isNull()).isTrue();
    }

    @Test
    void theCommandSeesEveryFileOfTheAttemptThoughItsSandboxWasPreparedWithoutACopy() {
        List<String> draft = new ArrayList<>();
        owner.get("/admin/apps/" + app + "/files").json().get("files").forEach(f -> draft.add(f.get("path")
                .asText()));
        assertThat(draft).hasSizeGreaterThan(3);
        setVerify(Map.of("argv", List.of("sh", "-c", "find . -type f | sed 's|^./||' | sort")));
        JsonNode verify = attempt("listed", false).get("metrics").get("verify");

        List<String> expected = new ArrayList<>(draft);
        expected.add("NOTE.txt");
        assertThat(verify.get("output_tail").asText().lines().toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(verify.get("sandbox_fill_ms").isIntegralNumber())
                .as("writing the base's files before the command is timed apart from it").isTrue();
    }

    /** Whether a process whose command line contains {@code marker} still runs. */
    private static boolean running(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(marker));
    }

    @Test
    void aCommandThatHangsIsStoppedAtItsTimeoutWithWhatItStartedAndOneThatCannotStartSaysWhy() throws Exception {
        setVerify(Map.of("argv", List.of("sh", "-c", "echo started; sleep 60.1 & sleep 60.2"), "timeout_s", 1));
        JsonNode hung = attempt("slow", false).get("metrics").get("verify");
        assertThat(hung.get("status").asText()).isEqualTo("timed_out");
        assertThat(hung.get("exit_code").isNull()).isTrue();
        assertThat(hung.get("duration_ms").asLong()).isBetween(1_000L, 20_000L);
        assertThat(hung.get("output_tail").asText()).contains("started");
        assertThat(running("sleep 60.1") || running("sleep 60.2")).as("what it started is stopped too").isFalse();

        // A child left behind by a command that ended is stopped as well.
        setVerify(Map.of("argv", List.of("sh", "-c", "sleep 60.3 & sleep 1; echo done")));
        assertThat(attempt("left behind", false).get("metrics").get("verify").get("status").asText())
                .isEqualTo("passed");
        assertThat(running("sleep 60.3")).isFalse();

        setVerify(Map.of("argv", List.of("no-such-verify-program-here")));
        JsonNode missing = attempt("missing", false).get("metrics").get("verify");
        assertThat(missing.get("status").asText()).isEqualTo("not_started");
        assertThat(missing.get("output_tail").asText()).startsWith("Cannot run no-such-verify-program-here: ")
                .doesNotContain(dir.toString());
    }

    @Test
    void aChangeToAnAppThatDoesNotExistIsA404BeforeItsBodyIsJudged() {
        String nowhere = "/admin/apps/9a0c0000-0000-4000-8000-0000000000ff";
        assertThat(owner.send("PATCH", nowhere, Map.of("bogus", 1)).status()).isEqualTo(404);
        assertThat(owner.send("PATCH", nowhere, Map.of("verify", Map.of("argv", List.of()))).status())
                .isEqualTo(404);
        assertThat(owner.send("PATCH", "/admin/apps/" + app, Map.of("bogus", 1)).status()).isEqualTo(422);
    }

    @Test
    void theCommandGetsTheEnvironmentABuildNeedsAndNoneOfTheServersSecrets() {
        setVerify(Map.of("argv", List.of("env")));
        JsonNode verify = attempt("env", false).get("metrics").get("verify");
        assertThat(verify.get("status").asText()).isEqualTo("passed");
        List<String> names = verify.get("output_tail").asText().lines().filter(l -> l.contains("="))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
        assertThat(names).contains("PATH").allMatch(n -> n.matches("PATH|HOME|USER|LOGNAME|SHELL|LANG|LC_[A-Z_]+|TZ"
                + "|TMPDIR|TERM|JAVA_HOME|PWD|SHLVL|_"), "only the allowed names (and what env itself adds)");
    }

    @Test
    void stoppingAnAttemptWhileItVerifiesStopsTheCommandAndCancelsTheRun() throws Exception {
        setVerify(Map.of("argv", List.of("sleep", "60.4"), "timeout_s", 600));
        server.llm().script("model-a", Reply.toolCall("Writing.", "coding_agent_write_file",
                "{\"path\":\"NOTE.txt\",\"content\":\"x\"}"), Reply.text("Done."));
        String run = server.createRun(app, Map.of("input", "write", "compare_group_id", "g", "auto_apply", false,
                "model_id", TestServer.MODEL_A)).get("run_id").asText();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!running("sleep 60.4") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(running("sleep 60.4")).as("the attempt is verifying").isTrue();
        long asked = System.nanoTime();
        owner.post("/admin/apps/" + app + "/coding-agent/runs/" + run + "/cancel", Map.of());
        JsonNode cancelled = server.awaitStatus(app, run, "cancelled");
        assertThat((System.nanoTime() - asked) / 1_000_000).isLessThan(10_000);
        assertThat(cancelled.get("checkpoint_revision_id").isNull()).as("its result is kept").isFalse();
        assertThat(running("sleep 60.4")).isFalse();
    }
}
