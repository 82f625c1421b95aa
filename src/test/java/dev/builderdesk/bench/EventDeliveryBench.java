package dev.builderdesk.bench;

import static dev.builderdesk.bench.Delivery.follow;
import static dev.builderdesk.bench.Delivery.median;
import static dev.builderdesk.bench.Delivery.pct;

import dev.builderdesk.bench.Delivery.Sample;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event delivery of the run API, measured end to end over loopback HTTP: every event is stored in SQLite, then
 * streamed; latency is the client's receipt time minus the event's {@code ts} (stamped at append, same JVM, same
 * clock). Not a test: {@code mvn -Pbench verify} runs it and writes {@code target/benchmarks/event-delivery.md}.
 */
@Tag("bench")
class EventDeliveryBench {
    private static final int REPEATS = 3;

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append("| scenario | repeat | events | events/s | p50 µs | p99 µs |\n|---|---|---|---|---|---|\n");
        List<Double> single = new ArrayList<>();
        List<Double> concurrent = new ArrayList<>();
        List<Long> singleP50 = new ArrayList<>();
        List<Long> singleP99 = new ArrayList<>();
        List<Long> concP50 = new ArrayList<>();
        List<Long> concP99 = new ArrayList<>();
        List<Long> pacedP50 = new ArrayList<>();
        List<Long> pacedP99 = new ArrayList<>();
        for (int repeat = 0; repeat <= REPEATS; repeat++) {
            Path d = Files.createDirectories(dir.resolve("r" + repeat));
            try (TestServer server = TestServer.start(d)) {
                String app = server.createApp("bench", "empty").get("id").asText();
                Sample one = oneStream(server, app, 20_000, 0);
                Sample paced = oneStream(server, app, 2_000, 1);
                Sample many = Delivery.demoRuns(List.of(server), app, 100);
                if (repeat == 0) {
                    continue; // warm-up
                }
                double oneRate = one.events() / one.seconds();
                double manyRate = many.events() / many.seconds();
                single.add(oneRate);
                concurrent.add(manyRate);
                singleP50.add(pct(one.latenciesMicros(), 50));
                singleP99.add(pct(one.latenciesMicros(), 99));
                concP50.add(pct(many.latenciesMicros(), 50));
                concP99.add(pct(many.latenciesMicros(), 99));
                pacedP50.add(pct(paced.latenciesMicros(), 50));
                pacedP99.add(pct(paced.latenciesMicros(), 99));
                report.append(row("1 stream, 20k deltas", repeat, one));
                report.append(row("1 stream paced, 1 delta/ms", repeat, paced));
                report.append(row("100 concurrent demo runs", repeat, many));
            }
        }
        report.append("\nMedians of ").append(REPEATS).append(" repeats (after one warm-up):\n\n")
                .append("| scenario | events/s | p50 µs | p99 µs |\n|---|---|---|---|\n")
                .append("| 1 stream | ").append(Math.round(median(single))).append(" | ")
                .append(median(singleP50)).append(" | ").append(median(singleP99)).append(" |\n")
                .append("| 1 stream paced (1 delta/ms) | - | ").append(median(pacedP50)).append(" | ")
                .append(median(pacedP99)).append(" |\n")
                .append("| 100 concurrent demo runs | ").append(Math.round(median(concurrent))).append(" | ")
                .append(median(concP50)).append(" | ").append(median(concP99)).append(" |\n");
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("event-delivery.md"), report.toString());
        System.out.println(report);
    }

    /** One run whose model streams {@code words} chunks, one per {@code pauseMillis}; one client follows it. */
    private static Sample oneStream(TestServer server, String app, int words, long pauseMillis) {
        server.llm().script("model-a", Reply.slowText(words, pauseMillis));
        String run = server.createRun(app, Map.of("input", "bench")).get("run_id").asText();
        return follow(server, app, run);
    }

    private static String row(String name, int repeat, Sample s) {
        return "| " + name + " | " + repeat + " | " + s.events() + " | " + Math.round(s.events() / s.seconds())
                + " | " + pct(s.latenciesMicros(), 50) + " | " + pct(s.latenciesMicros(), 99) + " |\n";
    }

}
