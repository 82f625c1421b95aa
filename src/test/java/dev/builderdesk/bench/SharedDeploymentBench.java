package dev.builderdesk.bench;

import static dev.builderdesk.bench.Delivery.follow;
import static dev.builderdesk.bench.Delivery.median;
import static dev.builderdesk.bench.Delivery.pct;

import dev.builderdesk.bench.Delivery.Sample;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.store.LeaseRepository.Lease;
import dev.builderdesk.store.Sql;
import dev.builderdesk.store.Store;
import dev.builderdesk.testkit.Postgres;
import dev.builderdesk.testkit.ScriptedLlm;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, acceptance 5: the shared deployment measured end to end. 200 concurrent demo runs on one SQLite instance
 * and across two instances on one PostgreSQL (each run followed by a client on the instance that does not execute
 * it); the live tail of a paced run read on the executing instance and on the other one; and durable appends on a
 * PostgreSQL that syncs to disk. Not a test: {@code mvn -Pbench verify -Dtest=SharedDeploymentBench} writes
 * {@code target/benchmarks/shared-deployment.md}.
 */
@Tag("bench")
class SharedDeploymentBench {
    private static final int REPEATS = 3;
    private static final int RUNS = 200;

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder("| scenario | repeat | events | events/s | p50 µs | p95 µs"
                + " | p99 µs |\n|---|---|---|---|---|---|---|\n");
        Map<String, List<Sample>> kept = new LinkedHashMap<>();
        for (int repeat = 0; repeat <= REPEATS; repeat++) {
            Path d = Files.createDirectories(dir.resolve("r" + repeat));
            try (TestServer one = TestServer.start(d.resolve("sqlite"))) {
                String app = one.createApp("bench", "empty").get("id").asText();
                keep(kept, repeat, "200 concurrent demo runs, SQLite, 1 instance",
                        Delivery.demoRuns(List.of(one), app, RUNS), report);
            }
            String db = Postgres.shared().newDatabase();
            try (ScriptedLlm llm = ScriptedLlm.start();
                    TestServer a = TestServer.startOn(d.resolve("a"), TestServer.Options.defaults(), db, llm);
                    TestServer b = TestServer.startOn(d.resolve("b"), TestServer.Options.defaults(), db, llm)) {
                String app = a.createApp("bench", "empty").get("id").asText();
                keep(kept, repeat, "200 concurrent demo runs, PostgreSQL, 2 instances, every client on the other",
                        Delivery.demoRuns(List.of(a, b), app, RUNS), report);
                keep(kept, repeat, "live tail, 1 delta/ms, client on the executing instance",
                        pacedTail(llm, a, a, app), report);
                keep(kept, repeat, "live tail, 1 delta/ms, client on the other instance",
                        pacedTail(llm, a, b, app), report);
            }
        }
        Postgres durable = Postgres.startDurable();
        try (Store store = Store.open(durable.newDatabase(), 1)) {
            List<String> settings = store.db().read(c -> Sql.query(c, "SELECT name || '=' || setting FROM pg_settings"
                    + " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method')"
                    + " ORDER BY name", rs -> rs.getString(1)));
            report.append("\nThe durable server: ").append(String.join(", ", settings)).append("\n\n");
        }
        for (int repeat = 0; repeat <= REPEATS; repeat++) {
            try (Store store = Store.open(durable.newDatabase(), 8)) {
                keep(kept, repeat, "durable appends, PostgreSQL fsync on: 200 runs × 250 deltas",
                        durableAppends(store, RUNS, 250, false), report);
                keep(kept, repeat, "durable appends, PostgreSQL fsync on: 200 runs × 25, each waited",
                        durableAppends(store, RUNS, 25, true), report);
            }
        }
        report.append("\nMedians of ").append(REPEATS).append(" repeats (after one warm-up):\n\n")
                .append("| scenario | events/s | p50 µs | p95 µs | p99 µs |\n|---|---|---|---|---|\n");
        kept.forEach((name, samples) -> report.append("| ").append(name).append(" | ")
                .append(Math.round(median(samples.stream().map(Sample::rate).toList()))).append(" | ")
                .append(medianPct(samples, 50)).append(" | ").append(medianPct(samples, 95)).append(" | ")
                .append(medianPct(samples, 99)).append(" |\n"));
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("shared-deployment.md"), report.toString());
        System.out.println(report);
    }

    private static void keep(Map<String, List<Sample>> kept, int repeat, String name, Sample s, StringBuilder report) {
        report.append("| ").append(name).append(" | ").append(repeat).append(" | ").append(s.events()).append(" | ")
                .append(Math.round(s.rate())).append(" | ").append(pct(s.latenciesMicros(), 50)).append(" | ")
                .append(pct(s.latenciesMicros(), 95)).append(" | ").append(pct(s.latenciesMicros(), 99))
                .append(" |\n");
        if (repeat > 0) {
            kept.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
        }
    }

    /** One run created on {@code executing} whose model streams 2,000 deltas, one per millisecond. */
    private static Sample pacedTail(ScriptedLlm llm, TestServer executing, TestServer reader, String app) {
        llm.script("model-a", Reply.slowText(2_000, 1));
        String run = executing.createRun(app, Map.of("input", "bench", "auto_apply", false)).get("run_id").asText();
        return follow(reader, app, run);
    }

    /**
     * {@code runs} runs appending {@code perRun} deltas each through the event log, as their workers do (under a
     * lease, so every commit checks it): fire-and-forget with one waited append at the end, or each one waited (a
     * step's commit). Latency is enqueue → durable for the waited appends.
     */
    private static Sample durableAppends(Store store, int runs, int perRun, boolean eachWaited) throws Exception {
        String app = seed(store, runs);
        List<String> ids = store.db().read(c -> Sql.query(c, "SELECT id FROM runs WHERE app_id = ? ORDER BY id",
                rs -> rs.getString(1), app));
        try (EventLog log = new EventLog(store)) {
            for (String id : ids) {
                long epoch = store.db().write(c -> store.leases().claim(c, id, "bench", 600_000, false))
                        .orElseThrow();
                log.own(new Lease(id, "bench", epoch));
            }
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<List<Long>>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (String id : ids) {
                futures.add(pool.submit(() -> {
                    List<Long> waited = new ArrayList<>();
                    for (int k = 0; k < perRun; k++) {
                        EventPayload delta = new EventPayload.AssistantDelta("token " + k + " ");
                        if (eachWaited || k == perRun - 1) {
                            long t = System.nanoTime();
                            log.append(id, app, List.of(new EventLog.Entry(delta)), null);
                            waited.add((System.nanoTime() - t) / 1_000);
                        } else {
                            log.append(id, app, delta, List.of());
                        }
                    }
                    return waited;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                latencies.addAll(f.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            return new Sample(runs * perRun, seconds, latencies);
        }
    }

    /** A tenant, an app and {@code runs} queued runs, straight into the schema: no server is involved. */
    private static String seed(Store store, int runs) {
        String tenant = UUID.randomUUID().toString();
        String app = UUID.randomUUID().toString();
        store.db().write(c -> {
            Sql.update(c, "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, 0)", tenant, "bench-" + tenant);
            Sql.update(c, "INSERT INTO apps (id, tenant_id, name, created_at) VALUES (?, ?, 'bench', 0)", app, tenant);
            for (int i = 0; i < runs; i++) {
                Sql.update(c, "INSERT INTO runs (id, app_id, status, engine, input, messages_json, auto_apply,"
                        + " warnings_json, usage_json, metrics_json, created_at) VALUES (?, ?, 'running', 'native',"
                        + " 'bench', '[]', FALSE, '[]', '{}', '{}', 0)", UUID.randomUUID().toString(), app);
            }
            return null;
        });
        return app;
    }

    private static long medianPct(List<Sample> samples, int p) {
        return median(samples.stream().map(s -> pct(s.latenciesMicros(), p)).toList());
    }
}
