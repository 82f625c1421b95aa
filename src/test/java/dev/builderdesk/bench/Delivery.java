package dev.builderdesk.bench;

import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Event delivery as the benches measure it: a client that follows a run's stream to its end, each event's latency
 * being its receipt time minus its {@code ts} (stamped at append; same JVM, same clock), and the percentiles.
 */
final class Delivery {
    private Delivery() {
    }

    /** Events received, the span they took, and each one's append → client latency. */
    record Sample(int events, double seconds, List<Long> latenciesMicros) {
        double rate() {
            return events / seconds;
        }
    }

    /** Follows the run's stream on {@code server} from seq 1 to its terminal event. */
    static Sample follow(TestServer server, String app, String run) {
        List<Long> latencies = new ArrayList<>();
        int events = 0;
        long first = 0;
        long last = 0;
        try (SseStream s = server.stream(app, run, "", Map.of())) {
            SseStream.Frame f;
            while ((f = s.nextEvent()) != null) {
                Instant received = Instant.now();
                long now = System.nanoTime();
                first = first == 0 ? now : first;
                last = now;
                latencies.add(ChronoUnit.MICROS.between(Timestamps.parse(f.data().get("ts").asText()), received));
                events++;
            }
        }
        return new Sample(events, Math.max(1, last - first) / 1e9, latencies);
    }

    /**
     * {@code runs} demo runs created back to back, run i on instance i mod n, each followed by its own client on
     * the next instance (with one instance, the same one). Events/s spans the first create to the last terminal event.
     */
    static Sample demoRuns(List<TestServer> instances, String app, int runs) throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Sample>> futures = new ArrayList<>();
        Instant start = Instant.now();
        for (int i = 0; i < runs; i++) {
            TestServer creator = instances.get(i % instances.size());
            TestServer reader = instances.get((i + 1) % instances.size());
            String run = creator.createRun(app, Map.of("input", "bench " + i, "model_id", TestServer.MODEL_DEMO,
                    "auto_apply", false)).get("run_id").asText();
            futures.add(pool.submit(() -> follow(reader, app, run)));
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

    /** The {@code p}-th percentile (nearest rank); 0 for no values. */
    static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
