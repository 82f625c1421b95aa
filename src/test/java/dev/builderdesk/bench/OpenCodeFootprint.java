package dev.builderdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.engine.opencode.OpenCodeLauncher;
import dev.builderdesk.engine.opencode.OpenCodeServer;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.providers.ProviderEndpoint;
import dev.builderdesk.testkit.ScriptedLlm;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident memory of OpenCode's own server, to set beside our app's {@code rss_mib} after 5 Demo runs
 * ({@code --smoke-test --smoke-runs 5}). {@code opencode serve} (the pinned binary, or
 * {@code $BUILDER_DESK_OPENCODE}) is started by our {@link OpenCodeLauncher} exactly as the engine starts it, then
 * given 5 runs the way the engine gives one: a session each, the same prompt body, followed on {@code /event} until
 * the session goes idle. Each run reads a file, writes a note and answers, against the scripted provider on
 * loopback (the only stand-in). Prints {@code {"opencode_rss_mib": N, "opencode_rss_idle_mib": M, "runs": 5}}: the
 * summed VmRSS of the process and its descendants right after the 5th run, and right after it answered healthy.
 * A plain {@code main}, so {@code mvn verify} never runs it: {@code scripts/bench-opencode-footprint.sh}.
 *
 * <p>One server for all 5 runs, not one per run as our engine does: the engine's process is gone when its run
 * ends, so "after 5 runs" only means something for OpenCode used as the long-lived server it is built to be,
 * which is also what our app is when it is measured.
 */
public final class OpenCodeFootprint {
    private static final int RUNS = 5;
    private static final String MODEL = "model-a";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final Path DEFAULT_BINARY = Path.of(System.getProperty("user.home"),
            ".cache/builder-desk/opencode/node_modules/.bin/opencode");
    private static final Pattern NOTE = Pattern.compile("run-(\\d+)\\.md");
    private static final JsonNode STREAM_ENDED = Json.object().put("type", "footprint.stream.ended");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private OpenCodeFootprint() {
    }

    public static void main(String[] args) {
        String configured = System.getenv("BUILDER_DESK_OPENCODE");
        Path binary = configured != null ? Path.of(configured) : DEFAULT_BINARY;
        if (!Files.isExecutable(binary)) {
            System.err.println("opencode is not installed at " + binary + " (run .ci/run once)");
            System.exit(2);
        }
        try {
            System.out.println(new OpenCodeFootprint().measure(binary.toString()));
            System.exit(0);
        } catch (Exception e) {
            System.err.println("OpenCode footprint failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private String measure(String binary) throws Exception {
        Path work = Files.createTempDirectory("opencode-footprint");
        Path folder = Files.createDirectories(work.resolve("site"));
        Files.writeString(folder.resolve("notes.md"), "# Notes\n\nOne line per run below.\n");
        OpenCodeLauncher launcher = new OpenCodeLauncher(binary, work.resolve("opencode"));
        try (ScriptedLlm llm = ScriptedLlm.start()) {
            llm.respond(MODEL, OpenCodeFootprint::reply);
            ProviderEndpoint endpoint = new ProviderEndpoint("scripted", "openai-compatible", llm.baseUrl(), null);
            try (OpenCodeServer server = launcher.start("footprint", folder, endpoint, MODEL)) {
                ProcessHandle process = server.process().toHandle();
                long idleKib = treeRssKib(process, "idle");
                String auth = "Basic " + Base64.getEncoder().encodeToString(("opencode:" + server.password())
                        .getBytes(StandardCharsets.UTF_8));
                Thread reader = Thread.ofVirtual().start(() -> readEvents(server.baseUrl(), auth));
                try {
                    // As the engine does: a prompt sent before the stream is open could finish unseen.
                    JsonNode first = events.poll(10, TimeUnit.SECONDS);
                    if (first == null || first == STREAM_ENDED) {
                        throw new IOException("OpenCode's event stream did not open");
                    }
                    long afterKib = idleKib;
                    for (int run = 1; run <= RUNS; run++) {
                        run(server.baseUrl(), auth, run);
                        String note = Files.readString(folder.resolve("run-" + run + ".md"));
                        if (!note.contains("Run " + run)) {
                            throw new IOException("run " + run + " wrote " + note);
                        }
                        // Each run, not only the last: a one-time jump and a per-run growth read differently.
                        afterKib = treeRssKib(process, "after run " + run);
                    }
                    long reads = llm.requestsFor(MODEL).stream().filter(r -> r.path("messages").toString()
                            .contains("One line per run")).count();
                    if (reads < RUNS) {
                        throw new IOException("only " + reads + " of " + RUNS + " runs got the notes read back");
                    }
                    ObjectNode line = Json.object();
                    line.put("opencode_rss_mib", Math.round(afterKib / 1024.0));
                    line.put("opencode_rss_idle_mib", Math.round(idleKib / 1024.0));
                    line.put("runs", RUNS);
                    return Json.write(line);
                } finally {
                    reader.interrupt();
                }
            }
        } finally {
            launcher.discard("footprint");
            delete(work);
        }
    }

    /** One run as {@code OpenCodeEngine} makes it: a new session, the prompt, then wait for the session to idle. */
    private void run(String baseUrl, String auth, int run) throws IOException, InterruptedException {
        String session = Json.mapper().readTree(post(baseUrl, auth, "/session",
                Json.object().put("title", "Builder Desk run " + run))).path("id").asText();
        ObjectNode body = Json.object();
        body.putObject("model").put("providerID", OpenCodeLauncher.PROVIDER_ID).put("modelID", MODEL);
        ObjectNode tools = body.putObject("tools");
        for (String denied : new String[] {"bash", "webfetch", "question", "task", "skill"}) {
            tools.put(denied, false);
        }
        body.putArray("parts").addObject().put("type", "text").put("text", "Read notes.md, then note run " + run
                + " in run-" + run + ".md.");
        post(baseUrl, auth, "/session/" + session + "/prompt_async", body);
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event == null) {
                continue;
            }
            if (event == STREAM_ENDED) {
                throw new IOException("OpenCode's event stream ended during run " + run);
            }
            JsonNode p = event.path("properties");
            if (!session.equals(p.path("sessionID").asText())) {
                continue;
            }
            switch (event.path("type").asText()) {
                case "session.error" -> throw new IOException("run " + run + " failed: " + p.path("error"));
                case "session.idle" -> {
                    return;
                }
                default -> {
                }
            }
        }
        throw new IOException("run " + run + " did not finish within " + RUN_TIMEOUT.toSeconds() + " s");
    }

    /**
     * The scripted model's turn, from the conversation so far (a queue would be thrown off by any request OpenCode
     * makes of its own): read the notes, write the note, answer. A request without tools is OpenCode's own
     * housekeeping (a title, a summary) and gets a short text.
     */
    private static Reply reply(JsonNode request) {
        JsonNode messages = request.path("messages");
        if (!request.has("tools")) {
            return Reply.text("Footprint run");
        }
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                lastUser = i;
            }
        }
        int results = 0;
        for (int i = lastUser + 1; i < messages.size(); i++) {
            if ("tool".equals(messages.get(i).path("role").asText())) {
                results++;
            }
        }
        Matcher note = NOTE.matcher(lastUser < 0 ? "" : messages.get(lastUser).toString());
        String run = note.find() ? note.group(1) : "0";
        return switch (results) {
            case 0 -> Reply.toolCall("Reading the notes first.", "read", "{\"filePath\":\"notes.md\"}");
            case 1 -> Reply.toolCall("Writing the note.", "write", Json.write(Json.object()
                    .put("filePath", "run-" + run + ".md").put("content", "Run " + run + " was here.\n")));
            default -> Reply.text("Noted run " + run + " in run-" + run + ".md.");
        };
    }

    private String post(String baseUrl, String auth, String path, ObjectNode body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("OpenCode POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private void readEvents(String baseUrl, String auth) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/event")).header("Authorization", auth)
                .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:") && !line.substring(5).isBlank()) {
                        parse(line.substring(5));
                    }
                }
            }
        } catch (IOException e) {
            // Ends the run being followed, with the reason below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            events.add(STREAM_ENDED);
        }
    }

    private void parse(String data) {
        try {
            events.add(Json.mapper().readTree(data));
        } catch (IOException e) {
            // An unreadable frame is skipped, as the engine skips it; OpenCode's union of events grows.
        }
    }

    /**
     * VmRSS of the process and every descendant, in KiB, each listed on stderr: OpenCode may spread over helpers
     * (language servers, workers), and a user pays for all of them. Pages shared between them count once per
     * process, as a task manager shows them.
     */
    private static long treeRssKib(ProcessHandle root, String when) throws IOException {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        tree.addAll(root.descendants().toList());
        long total = 0;
        StringBuilder detail = new StringBuilder("opencode processes " + when + ":");
        for (ProcessHandle p : tree) {
            long kib = statusKib(p.pid(), "VmRSS");
            total += kib;
            // Anonymous vs file-backed: how much is the mapped binary itself and how much the heap.
            detail.append(String.format(" %d %s %d KiB (anon %d, file %d);", p.pid(),
                    p.info().command().orElse("?"), kib, statusKib(p.pid(), "RssAnon"),
                    statusKib(p.pid(), "RssFile")));
        }
        System.err.println(detail);
        return total;
    }

    private static long statusKib(long pid, String field) throws IOException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            // A zombie has no memory lines: nothing resident.
            return 0;
        } catch (NoSuchFileException e) {
            // Exited between listing and reading: nothing resident any more.
            return 0;
        }
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temporary folder costs disk, not the measurement.
        }
    }
}
