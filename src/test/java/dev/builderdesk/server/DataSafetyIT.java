package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServeProcess;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.workspace.ScanRules;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data safety over the packaged jar (issue 10, acceptance 3; ADRs 0010 and 0011), on one data folder inside a
 * home-like folder, with one scripted model whose answers depend on the conversation (a step asked again gets the
 * same answer) and can be held mid-stream, so kills land at known steps rather than at a clock's whim:
 * a second process on the folder exits 2 while the first finishes its run once; the folder is 0700 and the database
 * files 0600; opening the home folder reads nothing of the data folder; a failed folder write and a restore through
 * a folder link end coded and stay restorable; 20 {@code kill -9} at random points of edit runs repeat no committed
 * step. The seed is printed ({@code -Ddatasafety.seed=N} replays a sequence).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataSafetyIT {
    private static final String TOKEN = "safety-owner-token";
    /** One {@code kill -9} per round: 20 kills, each with three more runs held at random points. */
    private static final int ROUNDS = 20;
    private static final int APPS = 4;

    @TempDir
    static Path home;
    /** The app folders: beside the home folder, since a folder around another app's is refused. */
    @TempDir
    static Path projects;
    Path data;
    Path config;
    ScriptedLlm llm;
    ServeProcess serve;
    Api api;
    final Map<String, HoldAt> holds = new ConcurrentHashMap<>();
    final List<String> askedAfterTheAnswer = Collections.synchronizedList(new ArrayList<>());

    /** A reply to hold: the {@code step}-th model step of the run tagged so, after {@code chunks} of its chunks. */
    static final class HoldAt {
        final int step;
        final int chunks;
        final AtomicBoolean armed = new AtomicBoolean(true);
        volatile Semaphore gate;

        HoldAt(int step, int chunks) {
            this.step = step;
            this.chunks = chunks;
        }

        boolean holding() {
            Semaphore g = gate;
            return g != null && g.hasQueuedThreads();
        }

        void release() {
            armed.set(false);
            Semaphore g = gate;
            if (g != null) {
                g.release(100_000);
            }
        }

        @Override
        public String toString() {
            return "held in step " + step + " after " + chunks + " chunk(s)";
        }
    }

    /** An edit run: prompt {@code edit TAG: P1, P2} writes P1, then P2, then answers. */
    record Edit(String tag, String first, String second) {
        static Edit parse(String prompt) {
            String[] parts = prompt.substring("edit ".length()).split(": ", 2);
            String[] paths = parts[1].split(", ");
            return new Edit(parts[0], paths[0], paths[1]);
        }

        /** The edit of app {@code k} in kill round {@code round}. */
        static Edit of(int round, int k) {
            return new Edit("round " + round + " app " + k, "src/a" + round + ".ts", "src/b" + round + ".ts");
        }

        String prompt() {
            return "edit " + tag + ": " + first + ", " + second;
        }

        String content(String path) {
            return "export const tag = '" + tag + "'; // " + path + "\n";
        }

        String answer() {
            return "Done: " + tag + " applied to " + first + " and " + second + ".";
        }

        Reply reply(int step) {
            return switch (step) {
                case 1 -> write("Writing " + first + ". ", first);
                case 2 -> write(null, second);
                default -> Reply.text(answer());
            };
        }

        private Reply write(String text, String path) {
            return Reply.toolCall(text, "coding_agent_write_file", Json.write(Map.of("path", path, "content",
                    content(path))));
        }
    }

    @BeforeAll
    void startServer() throws IOException {
        data = home.resolve(".local/share/builder-desk");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        llm = ScriptedLlm.start();
        llm.respond("model-a", this::answer);
        config = home.resolve("server.yaml");
        Files.writeString(config, """
                tenants: [{id: "0b6f0000-0000-4000-8000-000000000001", name: t, workspace_roots: ["%s"],
                           tokens: [{token: "%s", role: owner}]}]
                providers: [{id: scripted, base_url: "%s"}]
                models:
                  - {id: "5d1e0000-0000-4000-8000-00000000000a", name: "Model A", is_default: true,
                     providers: [{provider: scripted, provider_model_id: model-a}]}
                runs: {provider_retry_delay_ms: 50}
                """.formatted(TestServer.WORKSPACE_ROOT, TOKEN, llm.baseUrl()));
        start();
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        holds.values().forEach(HoldAt::release);
        if (serve != null) {
            serve.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    /** The scripted model: the step is the number of tool results so far plus one. */
    private Reply answer(JsonNode request) {
        JsonNode messages = request.get("messages");
        String prompt = "";
        int toolResults = 0;
        for (JsonNode m : messages) {
            if (m.path("role").asText().equals("user")) {
                prompt = m.path("content").asText();
            } else if (m.path("role").asText().equals("tool")) {
                toolResults++;
            }
        }
        JsonNode last = messages.get(messages.size() - 1);
        if (last.path("role").asText().equals("assistant") && last.path("tool_calls").isEmpty()) {
            askedAfterTheAnswer.add(prompt);
        }
        if (!prompt.startsWith("edit ")) {
            return Reply.text("ok");
        }
        Edit edit = Edit.parse(prompt);
        Reply reply = edit.reply(toolResults + 1);
        HoldAt hold = holds.get(edit.tag());
        if (hold != null && hold.step == toolResults + 1 && hold.armed.compareAndSet(true, false)) {
            hold.gate = new Semaphore(hold.chunks);
            return reply.gated(hold.gate);
        }
        return reply;
    }

    private void start() throws IOException {
        serve = ServeProcess.start(data, "--config", config.toString());
        api = new Api(serve.baseUrl(), TOKEN);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant guard = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(guard)) {
                throw new AssertionError("Never happened: " + what);
            }
            Thread.sleep(20);
        }
    }

    private String adopt(String name) throws IOException {
        Path folder = Files.createDirectories(projects.resolve("apps/" + name + "/src"));
        Files.writeString(folder.resolve("App.tsx"), "export const v = 0;\n");
        Api.Resp r = api.post("/admin/apps", Map.of("name", name, "workspace_path", folder.getParent().toString()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private static String runs(String app) {
        return "/admin/apps/" + app + "/coding-agent/runs";
    }

    private String createRun(String app, Edit edit) {
        Api.Resp r = api.post(runs(app), Map.of("input", edit.prompt()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().get("run_id").asText();
    }

    private JsonNode awaitSettled(String app, String run) throws InterruptedException {
        JsonNode[] last = new JsonNode[1];
        await(() -> {
            last[0] = api.get(runs(app) + "/" + run).json();
            return List.of("completed", "failed", "cancelled").contains(last[0].path("status").asText());
        }, "run " + run + " settles");
        return last[0];
    }

    private List<Frame> log(String app, String run) {
        try (SseStream s = SseStream.open(serve.baseUrl() + runs(app) + "/" + run + "/stream",
                Map.of("Authorization", "Bearer " + TOKEN))) {
            return s.remainingEvents();
        }
    }

    private JsonNode checkpointsOf(String app, String run) {
        List<JsonNode> mine = new ArrayList<>();
        api.get("/admin/apps/" + app + "/coding-agent/checkpoints?limit=100").json().forEach(c -> {
            if (c.get("run_id").asText().equals(run)) {
                mine.add(c);
            }
        });
        return Json.mapper().valueToTree(mine);
    }

    private String draftOf(String app) {
        return api.get("/admin/apps/" + app + "/builder/state").json().get("current_draft_revision").get("id")
                .asText();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /**
     * A finished edit run, whatever happened to it: completed with one checkpoint, no warning, its files in the
     * folder and the draft on its result, a log without hole with one terminal event, the answer once in the log
     * and in the thread.
     */
    private void assertFinishedOnce(String app, String run, Edit edit, String context) throws IOException,
            InterruptedException {
        JsonNode done = awaitSettled(app, run);
        assertThat(done.get("status").asText()).as(context + ": " + done).isEqualTo("completed");
        assertThat(done.get("warnings")).as(context + ": no false warning").isEmpty();
        JsonNode checkpoints = checkpointsOf(app, run);
        assertThat(checkpoints).as(context + ": one checkpoint").hasSize(1);
        assertThat(done.get("result_revision_id").asText()).isEqualTo(checkpoints.get(0).get("revision_id").asText());
        assertThat(draftOf(app)).as(context).isEqualTo(done.get("result_revision_id").asText());
        Path folder = projects.resolve("apps/" + api.get("/admin/apps/" + app).json().get("name").asText());
        assertThat(Files.readString(folder.resolve(edit.first()))).as(context).isEqualTo(edit.content(edit.first()));
        assertThat(Files.readString(folder.resolve(edit.second()))).as(context)
                .isEqualTo(edit.content(edit.second()));
        try (Stream<Path> all = Files.walk(folder)) {
            assertThat(all.map(Path::toString)).as(context).noneMatch(p -> p.endsWith(".bd-tmp"));
        }
        List<Frame> log = log(app, run);
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.get(i).seq()).as(context + ": no hole in the log").isEqualTo(i + 1L);
        }
        List<String> events = log.stream().map(Frame::event).toList();
        assertThat(events.stream().filter(e -> e.matches("run\\.(completed|failed|cancelled)")))
                .as(context + ": " + events).containsExactly("run.completed");
        assertThat(events.get(events.size() - 1)).isEqualTo("run.completed");
        assertThat(events.stream().filter(e -> e.equals("checkpoint.created"))).as(context + ": " + events)
                .hasSize(1);
        assertThat(events.stream().filter(e -> e.equals("revision.created"))).as(context).hasSize(1);
        String text = log.stream().filter(f -> f.event().equals("assistant.delta"))
                .map(f -> f.data().get("payload").get("content").asText()).collect(Collectors.joining());
        assertThat(occurrences(text, edit.answer())).as(context + ": the answer once in " + text).isEqualTo(1);
        JsonNode thread = api.get("/admin/apps/" + app + "/coding-agent/chat-sessions/"
                + done.get("chat_session_id").asText()).json().get("messages");
        List<JsonNode> answers = new ArrayList<>();
        thread.forEach(m -> {
            if (m.get("role").asText().equals("assistant")) {
                answers.add(m);
            }
        });
        assertThat(answers).as(context + ": one assistant turn").hasSize(1);
        assertThat(occurrences(answers.get(0).get("content").asText(), edit.answer())).as(context).isEqualTo(1);
    }

    @Test
    @Order(1)
    void aSecondProcessOnTheSameDataFolderExitsWith2WhileTheFirstFinishesItsRunOnce() throws Exception {
        String app = adopt("lock");
        Edit edit = new Edit("lock check", "src/a.ts", "src/b.ts");
        HoldAt hold = new HoldAt(3, 2);
        holds.put(edit.tag(), hold);
        String run = createRun(app, edit);
        await(hold::holding, "the answer is held mid-stream");

        String refusal = "Another Builder Desk (process " + serve.pid() + ") is using the data folder " + data
                + ". Close it first, or give this one its own folder with --data-dir DIR.";
        ServeProcess.Exit server = ServeProcess.runToExit("serve", "--data-dir", data.toString(), "--port", "0",
                "--config", config.toString());
        assertThat(server.status()).as(server.output()).isEqualTo(2);
        assertThat(server.output()).contains(refusal);
        ServeProcess.Exit desktop = ServeProcess.runToExit("--data-dir", data.toString());
        assertThat(desktop.status()).as(desktop.output()).isEqualTo(2);
        assertThat(desktop.output()).contains(refusal);

        assertThat(api.get("/health").status()).isEqualTo(200);
        hold.release();
        assertFinishedOnce(app, run, edit, "the first process's run");
        assertThat(llm.requests().stream().filter(r -> r.toString().contains(edit.prompt())))
                .as("each step asked once: no other process recovered the run").hasSize(3);
    }

    @Test
    @Order(2)
    void theDataFolderIsOwnerOnlyAndTheDatabaseFilesToo() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        for (String name : List.of("builder-desk.db", "builder-desk.db-wal", "builder-desk.db-shm",
                "builder-desk.lock")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(name)))).as(name)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    @Order(3)
    void openingAFolderThatHoldsTheDataFolderReadsNoneOfItsFilesAndTheServerStaysHealthy() throws Exception {
        Files.writeString(home.resolve("notes.md"), "# my notes\n");
        Api.Resp adopted = api.post("/admin/apps", Map.of("name", "home", "workspace_path", home.toString()));
        assertThat(adopted.status()).as(adopted.raw()).isEqualTo(200);
        JsonNode files = api.get("/admin/apps/" + adopted.json().get("id").asText() + "/files").json()
                .get("files");
        List<String> paths = new ArrayList<>();
        files.forEach(f -> paths.add(f.get("path").asText()));
        assertThat(paths).contains("notes.md", "server.yaml").noneMatch(p -> p.startsWith(".local/"));
        assertThat(api.get("/health").status()).isEqualTo(200);
        ServeProcess.Exit second = ServeProcess.runToExit("serve", "--data-dir", data.toString(), "--port", "0",
                "--config", config.toString());
        assertThat(second.status()).as("the lock survived the scan: " + second.output()).isEqualTo(2);

        // (Another folder: the home folder is an app's now, and a second app on it is refused for that.)
        Path big = projects.resolve("big");
        Path video = Files.createDirectories(big.resolve("Videos")).resolve("trip.png");
        try (RandomAccessFile sparse = new RandomAccessFile(video.toFile(), "rw")) {
            sparse.setLength(ScanRules.MAX_BYTES + 1);
        }
        Api.Resp refused = api.post("/admin/apps", Map.of("name", "too big", "workspace_path", big.toString()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail().get("code").asText()).isEqualTo("APP_FOLDER_TOO_LARGE");
        assertThat(refused.detail().get("field").asText()).isEqualTo("workspace_path");
        assertThat(api.get("/health").status()).isEqualTo(200);
        Files.delete(video);
    }

    @Test
    @Order(4)
    void aFailedFolderWriteAndARestoreThroughAFolderLinkEndCodedWithTheResultRestorable() throws Exception {
        String cards = adopt("cards");
        Path cardsFolder = projects.resolve("apps/cards");
        Files.writeString(cardsFolder.resolve("src/widgets"), "a file where the run needs a folder\n");
        String before = draftOf(cards);
        Edit edit = new Edit("cards", "src/App.tsx", "src/widgets/Card.tsx");
        String run = createRun(cards, edit);
        JsonNode done = awaitSettled(cards, run);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        List<Frame> log = log(cards, run);
        JsonNode diagnostic = log.get(log.size() - 1).data().get("diagnostics").get(0);
        assertThat(diagnostic.get("code").asText()).isEqualTo("APP_FOLDER_WRITE_FAILED");
        assertThat(diagnostic.get("message").asText()).contains("src/widgets is a file where a folder is needed")
                .doesNotContain(home.toString());
        assertThat(done.get("warnings").get(0).asText()).isEqualTo(diagnostic.get("message").asText());
        assertThat(draftOf(cards)).isEqualTo(before);
        assertThat(Files.readString(cardsFolder.resolve("src/App.tsx"))).as("nothing half-written")
                .isEqualTo("export const v = 0;\n");
        JsonNode checkpoint = checkpointsOf(cards, run).get(0);
        Files.delete(cardsFolder.resolve("src/widgets"));
        Api.Resp restored = api.post("/admin/apps/" + cards + "/coding-agent/checkpoints/"
                + checkpoint.get("checkpoint_id").asText() + "/restore", Map.of("run_id", run));
        assertThat(restored.status()).as(restored.raw()).isEqualTo(200);
        assertThat(Files.readString(cardsFolder.resolve(edit.second()))).isEqualTo(edit.content(edit.second()));

        String lib = adopt("lib");
        Path libFolder = projects.resolve("apps/lib");
        Edit libEdit = new Edit("lib", "lib/util.ts", "src/App.tsx");
        String libRun = createRun(lib, libEdit);
        assertFinishedOnce(lib, libRun, libEdit, "the lib run");
        Files.delete(libFolder.resolve("lib/util.ts"));
        Files.delete(libFolder.resolve("lib"));
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.createSymbolicLink(libFolder.resolve("lib"), elsewhere);
        String linked = draftOf(lib);
        String restore = "/admin/apps/" + lib + "/coding-agent/checkpoints/"
                + checkpointsOf(lib, libRun).get(0).get("checkpoint_id").asText() + "/restore";
        Api.Resp refused = api.post(restore, Map.of());
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.detail().get("code").asText()).isEqualTo("APP_FOLDER_WRITE_FAILED");
        assertThat(refused.raw()).doesNotContain(home.toString());
        assertThat(draftOf(lib)).isEqualTo(linked);
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
        Files.delete(libFolder.resolve("lib"));
        assertThat(api.post(restore, Map.of()).status()).isEqualTo(200);
        assertThat(Files.readString(libFolder.resolve("lib/util.ts"))).isEqualTo(libEdit.content("lib/util.ts"));
    }

    /** Where a round's trigger run is killed: right after the n-th event of a type. */
    record KillAfter(String event, int nth) {
        @Override
        public String toString() {
            return "killed after " + event + (nth > 1 ? " #" + nth : "");
        }
    }

    /** One edit run of the kill trials, where it was interrupted, and the reply it holds, if any. */
    record Trial(String app, String run, Edit edit, Optional<HoldAt> hold, String point) {
    }

    private Trial trial(String app, Edit edit, HoldAt hold, String point) {
        if (hold != null) {
            holds.put(edit.tag(), hold);
        }
        return new Trial(app, createRun(app, edit), edit, Optional.ofNullable(hold), point);
    }

    @Test
    @Order(5)
    void twentyKillsAtRandomPointsOfEditRunsRepeatNoCommittedStep() throws Exception {
        long seed = Long.getLong("datasafety.seed", System.nanoTime());
        System.out.println("DataSafetyIT kill trials: seed " + seed + " (-Ddatasafety.seed=" + seed + ")");
        Random random = new Random(seed);
        List<String> apps = new ArrayList<>();
        for (int k = 0; k < APPS; k++) {
            apps.add(adopt("site-" + k));
        }
        List<KillAfter> triggers = new ArrayList<>();
        while (triggers.size() < ROUNDS) {
            triggers.addAll(List.of(new KillAfter("checkpoint.created", 1), new KillAfter("checkpoint.created", 1),
                    new KillAfter("revision.created", 1), new KillAfter("usage.updated", 1 + random.nextInt(3)),
                    new KillAfter("tool.completed", 1 + random.nextInt(2))));
        }
        Collections.shuffle(triggers, random);
        List<String> passed = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int triggerApp = round % APPS;
            List<Trial> trials = new ArrayList<>();
            for (int k = 0; k < APPS; k++) {
                if (k != triggerApp) {
                    int step = 1 + random.nextInt(3);
                    HoldAt hold = new HoldAt(step, random.nextInt(Edit.of(round, k).reply(step).chunkCount()));
                    Trial held = trial(apps.get(k), Edit.of(round, k), hold, hold.toString());
                    await(hold::holding, "run " + held.edit().tag() + " is " + hold);
                    trials.add(held);
                }
            }
            KillAfter kill = triggers.get(round);
            // After a tool, the next step waits, so the kill lands between the tool and the next step's answer.
            Trial trigger = trial(apps.get(triggerApp), Edit.of(round, triggerApp), kill.event()
                    .equals("tool.completed") ? new HoldAt(kill.nth() + 1, 0) : null, kill.toString());
            trials.add(trigger);
            try (SseStream s = SseStream.open(serve.baseUrl() + runs(trigger.app()) + "/" + trigger.run()
                    + "/stream", Map.of("Authorization", "Bearer " + TOKEN))) {
                int seen = 0;
                Frame f;
                while ((f = s.nextEvent()) != null) {
                    if (f.event().equals(kill.event()) && ++seen == kill.nth()) {
                        serve.kill();
                        break;
                    }
                }
                assertThat(seen).as("seed " + seed + ": the trigger event came").isEqualTo(kill.nth());
            }
            trials.forEach(t -> t.hold().ifPresent(HoldAt::release));
            start();
            for (Trial t : trials) {
                String context = "seed " + seed + ", round " + round + ", " + t.edit().tag() + " " + t.point();
                assertFinishedOnce(t.app(), t.run(), t.edit(), context);
                passed.add(context);
            }
        }
        assertThat(passed).hasSize(ROUNDS * APPS);
        assertThat(askedAfterTheAnswer).as("seed " + seed + ": no conversation that had its answer was continued")
                .isEmpty();
        System.out.println("DataSafetyIT kill trials passed:\n  " + String.join("\n  ", passed));
    }
}
