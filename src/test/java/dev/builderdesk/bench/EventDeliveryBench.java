package dev.builderdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** One stream's measurements. */
    record Sample(int events, double seconds, List<Long> latenciesMicros) {
    }

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
                Sample many = concurrentDemoRuns(server, app, 100);
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
                .append(medianL(singleP50)).append(" | ").append(medianL(singleP99)).append(" |\n")
                .append("| 1 stream paced (1 delta/ms) | - | ").append(medianL(pacedP50)).append(" | ")
                .append(medianL(pacedP99)).append(" |\n")
                .append("| 100 concurrent demo runs | ").append(Math.round(median(concurrent))).append(" | ")
                .append(medianL(concP50)).append(" | ").append(medianL(concP99)).append(" |\n");
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

    /** {@code runs} demo runs started together, each followed by its own client. */
    private static Sample concurrentDemoRuns(TestServer server, String app, int runs) throws Exception {
        List<String> ids = new ArrayList<>();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Sample>> futures = new ArrayList<>();
        Instant start = Instant.now();
        for (int i = 0; i < runs; i++) {
            String run = server.createRun(app, Map.of("input", "bench " + i, "model_id", TestServer.MODEL_DEMO,
                    "auto_apply", false)).get("run_id").asText();
            ids.add(run);
            futures.add(pool.submit(() -> follow(server, app, run)));
        }
        int events = 0;
        List<Long> latencies = new ArrayList<>();
        for (Future<Sample> f : futures) {
            Sample s = f.get();
            events += s.events();
            latencies.addAll(s.latenciesMicros());
        }
        double seconds = ChronoUnit.MICROS.between(start, Instant.now()) / 1e6;
        pool.shutdown();
        return new Sample(events, seconds, latencies);
    }

    private static Sample follow(TestServer server, String app, String run) {
        List<Long> latencies = new ArrayList<>();
        int events = 0;
        long first = 0;
        long last = 0;
        try (SseStream s = server.stream(app, run, "", Map.of())) {
            SseStream.Frame f;
            while ((f = s.nextEvent()) != null) {
                Instant received = Instant.now();
                long now = System.nanoTime();
                if (first == 0) {
                    first = now;
                }
                last = now;
                JsonNode data = f.data();
                latencies.add(ChronoUnit.MICROS.between(Timestamps.parse(data.get("ts").asText()), received));
                events++;
            }
        }
        return new Sample(events, Math.max(1, last - first) / 1e9, latencies);
    }

    private static String row(String name, int repeat, Sample s) {
        return "| " + name + " | " + repeat + " | " + s.events() + " | " + Math.round(s.events() / s.seconds())
                + " | " + pct(s.latenciesMicros(), 50) + " | " + pct(s.latenciesMicros(), 99) + " |\n";
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static long medianL(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

}
