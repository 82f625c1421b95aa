package dev.builderdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comparison sessions (step 8): a 6-attempt {@code POST .../compare-groups} on six scripted models (instant
 * short answers), on a small app (the {@code vite-react} template) and on a folder-backed app of 2,000 files
 * (nested {@code src/} folders, {@code .tsx/.ts/.css/.json} of 0.5–8 KB, a {@code package.json}). The clock starts
 * just before the POST is sent; as soon as it answers, the six run streams are opened at once (one virtual thread
 * each) and each notes when its first event arrives and its first model output ({@code assistant.delta}).
 * "Start → first event in all 6 columns" is the latest of the six first events of one comparison. Every attempt's
 * {@code metrics.sandbox_prep_ms} is collected too. One warm-up comparison per app, then
 * {@code -Dbench.compareRepeats} (default 7) measured, the two apps alternating. Table in
 * {@code target/benchmarks/compare.md}.
 */
@Tag("bench")
class CompareBench {
    private static final int ATTEMPTS = 6;
    private static final int FILES = 2_000;
    private static final int REPEATS = Integer.getInteger("bench.compareRepeats", 7);

    @TempDir
    Path dir;

    /** One comparison: POST latency, the latest first event and first output over the columns, each prep time. */
    record Sample(double postMs, double allFirstEventMs, double allFirstOutputMs, List<Long> prepMs,
            double floorMs) {
    }

    /** What one column saw, in ms from the POST being sent. */
    record Column(double firstEventMs, double firstOutputMs, String last) {
    }

    @Test
    void measure() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("big-app"));
        long bytes = writeApp(folder, FILES, new Random(20261203));
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("server")))) {
            Api owner = server.owner();
            List<String> models = new ArrayList<>();
            for (int i = 1; i <= ATTEMPTS; i++) {
                models.add(owner.post("/models", Map.of("name", "Bench " + i, "providers", List.of(Map.of(
                        "provider", "scripted", "provider_model_id", "bench-" + i)))).json().get("id").asText());
            }
            String small = server.createApp("small", "vite-react").get("id").asText();
            int smallFiles = server.owner().get("/admin/apps/" + small + "/builder/state").json()
                    .get("current_draft_revision").path("file_count").asInt();
            String big = server.adoptFolder("big", folder);
            Map<String, String> apps = new java.util.LinkedHashMap<>();
            apps.put("small (template, " + smallFiles + " files)", small);
            apps.put(String.format("2,000 files (%.1f MB)", bytes / 1e6), big);
            Map<String, List<Sample>> samples = new java.util.LinkedHashMap<>();
            apps.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
            for (int repeat = 0; repeat <= REPEATS; repeat++) {
                for (Map.Entry<String, String> app : apps.entrySet()) {
                    double floor = floor(folder, dir.resolve("floor-" + repeat));
                    settle(server.dataDir().resolve("sandboxes"));
                    Sample s = compare(server, app.getValue(), models, floor);
                    if (repeat > 0) {
                        samples.get(app.getKey()).add(s);
                    }
                }
            }
            String report = report(samples);
            Path out = Files.createDirectories(Path.of("target", "benchmarks"));
            Files.writeString(out.resolve("compare.md"), report);
            System.out.println(report);
        }
    }

    /**
     * The machine's floor for one sandbox: the 2,000 files read and written once more, in one thread, with plain
     * {@code Files.readAllBytes}/{@code Files.write} (file creation on this shared VM varies several-fold over
     * minutes, so prep times are read against it).
     */
    private static double floor(Path from, Path to) throws IOException {
        List<Path> files;
        try (var walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        long start = System.nanoTime();
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f));
            Files.createDirectories(target.getParent());
            Files.write(target, Files.readAllBytes(f));
        }
        double ms = (System.nanoTime() - start) / 1e6;
        dev.builderdesk.workspace.Sandboxes.deleteTree(to);
        return ms;
    }

    /**
     * Waits until the previous comparison's sandboxes are deleted (the server removes them after each terminal
     * event), then half a second more, so their deletion does not run during the next comparison.
     */
    private static void settle(Path sandboxes) throws IOException, InterruptedException {
        for (int i = 0; i < 600 && Files.isDirectory(sandboxes); i++) {
            try (var list = Files.list(sandboxes)) {
                if (list.findAny().isEmpty()) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        Thread.sleep(500);
    }

    private static Sample compare(TestServer server, String app, List<String> models, double floor)
            throws Exception {
        List<Map<String, Object>> attempts = models.stream().map(m -> Map.<String, Object>of("model_id", m))
                .toList();
        long start = System.nanoTime();
        Api.Resp created = server.owner().post("/admin/apps/" + app + "/coding-agent/compare-groups",
                Map.of("input", "Add a pricing section with three tiers", "attempts", attempts, "blind", false));
        long answered = System.nanoTime();
        if (created.status() / 100 != 2) {
            throw new AssertionError("compare-groups: " + created.status() + " " + created.raw());
        }
        List<String> runs = new ArrayList<>();
        List<Long> prep = new ArrayList<>();
        for (JsonNode run : created.json().get("runs")) {
            runs.add(run.get("run_id").asText());
            JsonNode ms = run.path("metrics").path("sandbox_prep_ms");
            if (!ms.isNumber()) {
                throw new AssertionError("no sandbox_prep_ms on " + run);
            }
            prep.add(ms.asLong());
        }
        List<Column> columns = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Column>> futures = runs.stream()
                    .map(run -> pool.submit(() -> follow(server, app, run, start))).toList();
            for (Future<Column> f : futures) {
                columns.add(f.get());
            }
        }
        for (Column c : columns) {
            if (!"run.completed".equals(c.last())) {
                throw new AssertionError("an attempt ended with " + c.last());
            }
        }
        return new Sample((answered - start) / 1e6,
                columns.stream().mapToDouble(Column::firstEventMs).max().orElseThrow(),
                columns.stream().mapToDouble(Column::firstOutputMs).max().orElseThrow(), prep, floor);
    }

    /** Follows one column from seq 1 to its terminal event. */
    private static Column follow(TestServer server, String app, String run, long start) {
        try (SseStream s = server.stream(app, run, "", Map.of())) {
            Frame first = s.nextEvent();
            double firstEvent = (System.nanoTime() - start) / 1e6;
            double firstOutput = Double.NaN;
            String last = first == null ? null : first.event();
            Frame f;
            while ((f = s.nextEvent()) != null) {
                last = f.event();
                if (Double.isNaN(firstOutput) && "assistant.delta".equals(last)) {
                    firstOutput = (System.nanoTime() - start) / 1e6;
                }
            }
            return new Column(firstEvent, firstOutput, last);
        }
    }

    private static String report(Map<String, List<Sample>> samples) {
        StringBuilder r = new StringBuilder(String.format("%d attempts per comparison, %d measured comparisons per"
                + " app after 1 warm-up; ms%n%n", ATTEMPTS, REPEATS));
        r.append("| app | POST latency median / p95 | **start → first event in all 6 columns** median / p95"
                + " | start → first model output in all 6 median / p95 | sandbox_prep_ms per attempt median / p95"
                + " (n) | floor: 2,000 files copied once, 1 thread, median |\n|---|---|---|---|---|---|\n");
        List<Double> medians = new ArrayList<>();
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            List<Sample> s = e.getValue();
            List<Double> post = s.stream().map(Sample::postMs).toList();
            List<Double> first = s.stream().map(Sample::allFirstEventMs).toList();
            List<Double> output = s.stream().map(Sample::allFirstOutputMs).toList();
            List<Double> prep = s.stream().flatMap(x -> x.prepMs().stream()).map(Long::doubleValue).toList();
            medians.add(percentile(first, 50));
            List<Double> floor = s.stream().map(Sample::floorMs).toList();
            r.append(String.format("| %s | %.0f / %.0f | **%.0f / %.0f** | %.0f / %.0f | %.0f / %.0f (%d) | %.0f |%n",
                    e.getKey(), percentile(post, 50), percentile(post, 95), percentile(first, 50),
                    percentile(first, 95), percentile(output, 50), percentile(output, 95), percentile(prep, 50),
                    percentile(prep, 95), prep.size(), percentile(floor, 50)));
        }
        r.append(String.format("%nRatio 2,000 files / small, start → first event in all 6 (medians): %.2f%n",
                medians.get(1) / medians.get(0)));
        r.append("\nPer comparison (POST ms, all-6 first event ms, all-6 first output ms, prep ms of the six, floor"
                + " ms):\n\n");
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            r.append("- ").append(e.getKey()).append(":");
            for (Sample s : e.getValue()) {
                r.append(String.format(" %.0f/%.0f/%.0f %s %.0f;", s.postMs(), s.allFirstEventMs(),
                        s.allFirstOutputMs(), s.prepMs(), s.floorMs()));
            }
            r.append('\n');
        }
        return r.toString();
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /**
     * Writes a Vite + React app of {@code count} files: {@code package.json}, {@code index.html},
     * {@code src/main.tsx}, then components, hooks, lib, styles and data under nested {@code src/} folders, each of
     * 0.5–8 KB of plausible source. Returns the bytes written.
     */
    static long writeApp(Path root, int count, Random random) throws IOException {
        long bytes = 0;
        bytes += write(root, "package.json", """
                {
                  "name": "bench-app",
                  "private": true,
                  "version": "0.0.0",
                  "type": "module",
                  "scripts": { "dev": "vite", "build": "tsc -b && vite build" },
                  "dependencies": { "react": "^19.0.0", "react-dom": "^19.0.0" },
                  "devDependencies": { "typescript": "^5.6.0", "vite": "^6.0.0" }
                }
                """);
        bytes += write(root, "index.html", "<!doctype html>\n<html><body><div id=\"root\"></div>"
                + "<script type=\"module\" src=\"/src/main.tsx\"></script></body></html>\n");
        bytes += write(root, "src/main.tsx", "import { createRoot } from 'react-dom/client';\nimport { App } from"
                + " './App';\n\ncreateRoot(document.getElementById('root')!).render(<App />);\n");
        String[] areas = {"billing", "dashboard", "settings", "auth", "reports", "catalog", "checkout", "profile",
            "admin", "search"};
        String[] kinds = {"components", "hooks", "lib", "styles", "data"};
        for (int i = 3; i < count; i++) {
            String area = areas[i % areas.length];
            String kind = kinds[(i / areas.length) % kinds.length];
            int sub = (i / (areas.length * kinds.length)) % 4;
            String name = "Item" + i;
            String ext = switch (kind) {
                case "components" -> ".tsx";
                case "styles" -> ".css";
                case "data" -> ".json";
                default -> ".ts";
            };
            int size = 512 + random.nextInt(8 * 1024 - 512);
            String path = "src/" + area + "/" + kind + "/part" + sub + "/" + name + ext;
            bytes += write(root, path, body(ext, name, size, random));
        }
        return bytes;
    }

    private static String body(String ext, String name, int size, Random random) {
        StringBuilder b = new StringBuilder(size + 200);
        switch (ext) {
            case ".tsx" -> {
                b.append("import { useState } from 'react';\n\nexport function ").append(name).append("() {\n");
                while (b.length() < size) {
                    int n = random.nextInt(1000);
                    b.append("  const [value").append(n).append(", setValue").append(n)
                            .append("] = useState<number>(").append(n).append(");\n");
                }
                b.append("  return <div className=\"").append(name.toLowerCase()).append("\">{value0}</div>;\n}\n");
            }
            case ".css" -> {
                while (b.length() < size) {
                    int n = random.nextInt(1000);
                    b.append('.').append(name.toLowerCase()).append("-").append(n).append(" {\n  margin: ")
                            .append(n % 24).append("px;\n  color: #").append(Integer.toHexString(0x100000 + n * 997))
                            .append(";\n}\n");
                }
            }
            case ".json" -> {
                b.append("[\n");
                while (b.length() < size) {
                    int n = random.nextInt(100_000);
                    b.append("  {\"id\": ").append(n).append(", \"label\": \"entry ").append(n)
                            .append("\", \"enabled\": ").append(n % 2 == 0).append("},\n");
                }
                b.append("  {\"id\": 0, \"label\": \"last\", \"enabled\": false}\n]\n");
            }
            default -> {
                b.append("export function ").append(Character.toLowerCase(name.charAt(0))).append(name.substring(1))
                        .append("(input: number): number {\n  let total = input;\n");
                while (b.length() < size) {
                    int n = random.nextInt(1000);
                    b.append("  total = total * ").append(n).append(" % 7919; // step ").append(n).append('\n');
                }
                b.append("  return total;\n}\n");
            }
        }
        return b.toString();
    }

    private static long write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        Files.write(file, data);
        return data.length;
    }
}
