package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServeConfig;
import dev.builderdesk.testkit.ServeProcess;
import dev.builderdesk.testkit.SseStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server process in the middle of a run, then a restart on the same data folder: the run
 * ends (resumed to completion, or failed with RUN_INTERRUPTED), never stays running; its event log has no hole
 * and one terminal event; the app folder holds no half-written file.
 */
class CrashRecoveryIT {
    private static final String TOKEN = "crash-owner-token";

    @Test
    void aRunInterruptedByKillMinus9EndsAfterTheRestartWithItsLogIntact(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("site/src");
        try (ScriptedLlm llm = ScriptedLlm.start()) {
            Path config = ServeConfig.write(dir, llm, TOKEN, "");
            llm.script("model-a",
                    Reply.toolCall("Writing.", "coding_agent_write_file",
                            "{\"path\":\"src/App.tsx\",\"content\":\"export const v = 1;\\n\"}"),
                    Reply.slowText(500, 20),
                    Reply.text("Finished after the crash."));
            String runs = ServeConfig.RUNS;
            String run;
            try (ServeProcess first = ServeProcess.start(dir.resolve("data"), "--config", config.toString())) {
                Api api = new Api(first.baseUrl(), TOKEN);
                run = api.post(runs, Map.of("input", "change v")).json().get("run_id").asText();
                Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
                while (llm.requests().size() < 2 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(10);
                }
                Thread.sleep(200);
                assertThat(api.get(runs + "/" + run).json().get("status").asText()).isEqualTo("running");
                first.kill();
            }
            try (ServeProcess second = ServeProcess.start(dir.resolve("data"), "--config", config.toString())) {
                Api api = new Api(second.baseUrl(), TOKEN);
                JsonNode settled = null;
                Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                while (Instant.now().isBefore(deadline)) {
                    settled = api.get(runs + "/" + run).json();
                    if (List.of("completed", "failed").contains(settled.get("status").asText())) {
                        break;
                    }
                    Thread.sleep(50);
                }
                String status = settled.get("status").asText();
                assertThat(status).isIn("completed", "failed");
                if (status.equals("failed")) {
                    assertThat(settled.get("error_code").asText()).isEqualTo("RUN_INTERRUPTED");
                } else {
                    assertThat(Files.readString(folder.resolve("App.tsx"))).isEqualTo("export const v = 1;\n");
                }
                List<SseStream.Frame> log;
                try (SseStream s = SseStream.open(second.baseUrl() + runs + "/" + run + "/stream",
                        Map.of("Authorization", "Bearer " + TOKEN))) {
                    log = s.remainingEvents();
                }
                for (int i = 0; i < log.size(); i++) {
                    assertThat(log.get(i).seq()).as("no hole in the log").isEqualTo(i + 1L);
                }
                assertThat(log.get(0).event()).isEqualTo("run.accepted");
                assertThat(log.stream().filter(f -> f.event().matches("run\\.(completed|failed|cancelled)")))
                        .hasSize(1);
                assertThat(log.get(log.size() - 1).event()).isEqualTo("run." + status);
                assertThat(log).extracting(SseStream.Frame::event).contains("tool.completed");
                assertThat(log.stream().filter(f -> f.event().equals("plan.updated"))
                        .map(f -> f.data().get("payload").get("summary").asText()))
                        .contains("Coding-agent run resumed");
            }
        }
        try (Stream<Path> files = Files.walk(dir.resolve("site"))) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".bd-tmp"));
        }
    }
}
