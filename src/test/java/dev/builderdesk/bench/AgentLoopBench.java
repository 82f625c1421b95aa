package dev.builderdesk.bench;

import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.testkit.OpenCodeBinary;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent-loop overhead per step: the same 50-step script (49 reads of a 3-line file, then an answer) from an
 * instant scripted provider, on the native engine and on OpenCode, alternating, in one JVM. Per-step time is taken
 * between the first and the last step's {@code usage.updated} events, so OpenCode's process start is excluded;
 * the whole run's wall time is reported too. {@code mvn -B -Pbench verify}; table in
 * {@code target/benchmarks/agent-loop.md}.
 */
@Tag("bench")
class AgentLoopBench {
    private static final int STEPS = 50;
    private static final int REPEATS = 3;

    @TempDir
    Path dir;

    /** One run: steady per-step milliseconds and whole-run wall milliseconds. */
    record Sample(double perStepMs, long wallMs) {
    }

    @Test
    void measure() throws Exception {
        String opencode = OpenCodeBinary.require();
        Path folder = Files.createDirectories(dir.resolve("site"));
        Files.writeString(folder.resolve("notes.md"), "one\ntwo\nthree\n");
        List<Sample> natives = new ArrayList<>();
        List<Sample> openCodes = new ArrayList<>();
        StringBuilder report = new StringBuilder(
                "| repeat | engine | ms per step | whole run ms |\n|---|---|---|---|\n");
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("server")),
                TestServer.Options.defaults().openCode(opencode).maxSteps(200))) {
            String app = server.owner().post("/admin/apps", Map.of("name", "bench", "workspace_path",
                    folder.toString())).json().get("id").asText();
            for (int repeat = 0; repeat <= REPEATS; repeat++) {
                Sample n = run(server, app, "native", "coding_agent_read_file", "{\"path\":\"notes.md\"}");
                Sample o = run(server, app, "opencode", "read", "{\"filePath\":\"notes.md\"}");
                if (repeat == 0) {
                    continue;
                }
                natives.add(n);
                openCodes.add(o);
                report.append(String.format("| %d | native | %.2f | %d |%n", repeat, n.perStepMs(), n.wallMs()));
                report.append(String.format("| %d | opencode | %.2f | %d |%n", repeat, o.perStepMs(), o.wallMs()));
            }
        }
        double nativeStep = median(natives.stream().map(Sample::perStepMs).toList());
        double openStep = median(openCodes.stream().map(Sample::perStepMs).toList());
        report.append(String.format("%nMedian per step: native %.2f ms, OpenCode %.2f ms, ratio native/OpenCode"
                + " %.3f%n", nativeStep, openStep, nativeStep / openStep));
        report.append(String.format("Median whole run: native %.0f ms, OpenCode %.0f ms%n",
                median(natives.stream().map(s -> (double) s.wallMs()).toList()),
                median(openCodes.stream().map(s -> (double) s.wallMs()).toList())));
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("agent-loop.md"), report.toString());
        System.out.println(report);
    }

    private static Sample run(TestServer server, String app, String engine, String tool, String args) {
        for (int i = 0; i < STEPS - 1; i++) {
            server.llm().script("model-a", Reply.toolCall(null, tool, args));
        }
        server.llm().script("model-a", Reply.text("Read it " + (STEPS - 1) + " times."));
        Instant start = Instant.now();
        String run = server.createRun(app, Map.of("input", "read notes.md many times", "engine", engine,
                "auto_apply", false)).get("run_id").asText();
        List<Frame> frames = server.streamToEnd(app, run);
        long wall = Duration.between(start, Instant.now()).toMillis();
        List<Instant> steps = frames.stream().filter(f -> f.event().equals("usage.updated"))
                .map(f -> Timestamps.parse(f.data().get("ts").asText())).toList();
        String last = frames.get(frames.size() - 1).event();
        if (!last.equals("run.completed") || steps.size() < STEPS) {
            throw new AssertionError(engine + " run ended " + last + " after " + steps.size() + " steps");
        }
        double perStep = Duration.between(steps.get(0), steps.get(steps.size() - 1)).toNanos() / 1e6
                / (steps.size() - 1);
        return new Sample(perStep, wall);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
