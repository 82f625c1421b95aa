package dev.builderdesk.bench;

import atlantafx.base.theme.PrimerLight;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.protocol.CreateAppRequest;
import dev.builderdesk.protocol.CreateRunRequest;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.settings.DesktopEnvironment;
import dev.builderdesk.ui.settings.SettingsStore;
import dev.builderdesk.ui.shell.MainView;
import dev.builderdesk.ui.shell.MainViewModel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.robot.Robot;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real window ({@link MainView} on a real embedded server over loopback, the scripted OpenAI-compatible
 * provider, Monocle headless with software rendering) while a 5,000-word answer streams, and when a 200-run
 * thread is opened. Drives the window only through what outlives a rewrite of the timeline: node ids
 * ({@code #composer-input}, {@code #composer-send}, {@code #timeline-list}, {@code #threads-list}), the public
 * {@link MainViewModel} (new thread, picker, composer running), the client API and the glass robot
 * ({@link Robot}); it never looks inside {@code ui.timeline}.
 *
 * <ol>
 * <li><b>Key → screen while the answer streams.</b> The three answers of {@code answers} three times
 * (≈ 32k characters, 39 code blocks) stream at 200 chunks/s of 1–7 characters (≈ 800 chars/s, ≈ 200 tokens/s),
 * split anywhere. Meanwhile a bench thread types one letter every {@value #DEFAULT_KEY_EVERY_MS} ms into the
 * composer with the glass robot. For each key, t0 = when the bench thread posts the robot's key press to the FX
 * thread ({@code Platform.runLater}, so waiting behind a long pulse counts, as it would for a real key), t1 = the
 * end of layout ({@link Scene#addPostLayoutPulseListener}) of the first pulse after which the composer's text
 * holds the key's character; that pulse's frame is then drawn. Also the time from the scene's KEY_TYPED filter
 * (dispatch) to t1.</li>
 * <li><b>Pulses during that stream.</b> An {@link AnimationTimer} runs while the answer streams: <i>frame gap</i>
 * = time between two of its frames (all the FX thread did between two pulses: the stream's batches, the previous
 * pulse's CSS, layout and render sync); <i>pulse CSS + layout</i> = from the timer's frame (the start of the
 * pulse) to the post-layout listener of the same pulse.</li>
 * <li><b>Opening a 200-run thread.</b> 200 runs in one chat session (each: read a file, list files, a short
 * answer) are created through the client API before the window opens. Then, five times: new thread, three GCs,
 * heap; a glass-robot click on the thread's cell in {@code #threads-list}; t1 = the post-layout pulse in which a
 * visible {@link Text} inside {@code #timeline-list} shows the newest answer's marker; three GCs, heap.</li>
 * </ol>
 * Prints a table and appends one JSON line to {@code target/bench/streaming-latency.json} (and the table to
 * {@code target/bench/streaming-latency.md}). Knobs: {@code -Dbench.streamRepeats=3 -Dbench.openRepeats=5
 * -Dbench.threadRuns=200 -Dbench.keyEveryMs=100}.
 */
@Tag("bench")
class StreamingLatencyBench {
    static final long DEFAULT_KEY_EVERY_MS = 100;
    static final int STREAM_REPEATS = Integer.getInteger("bench.streamRepeats", 3);
    static final int OPEN_REPEATS = Integer.getInteger("bench.openRepeats", 5);
    static final int THREAD_RUNS = Integer.getInteger("bench.threadRuns", 200);
    static final long KEY_EVERY_MS = Long.getLong("bench.keyEveryMs", DEFAULT_KEY_EVERY_MS);
    /** 200 chunks per second, ≈ 4 characters each: ≈ 200 tokens/s. */
    static final long CHUNK_EVERY_NANOS = 5_000_000;
    static final String[] ANSWERS = {"pricing-section.md", "refactor-hooks.md", "debug-build-error.md"};
    static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private TestServer server;
    private RunApiClient client;
    private MainViewModel model;
    private Scene scene;
    private Robot robot;
    private String appId;
    /** The probe the post-layout listener calls each pulse (null: none); FX thread only. */
    private Runnable postLayout;

    /** One streamed answer with keys typed during it. */
    record StreamResult(int keys, int lost, double answerSeconds, int answerChars, double[] keyMs,
            double[] dispatchMs, double[] thirdsP50, double[] gapMs, double[] pulseMs) {
    }

    /** One open of the big thread. */
    record OpenResult(double openMs, double heapBeforeMib, double heapAfterMib, int rows) {
    }

    @Test
    void measure() throws Exception {
        startToolkit();
        String answer = longAnswer();
        ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
        try (ClientRuntime runtime = new ClientRuntime()) {
            server = TestServer.start(Files.createTempDirectory("bd-bench-stream"));
            ServerConnection connection = ServerConnection.of(server.baseUrl(), TestServer.ACME_OWNER);
            client = RunApiClients.connect(runtime, connection);
            appId = client.createApp(new CreateAppRequest("My app", "vite-react", null)).id();
            long setup = System.nanoTime();
            String bigThread = buildThread(THREAD_RUNS);
            double setupSeconds = (System.nanoTime() - setup) / 1e9;
            openWindow(runtime, connection, io);

            // Warm-up: one answer (a third of the long one) at 5× the pace, typed into as in the measured runs.
            streamOnce(String.join("\n\n", text(ANSWERS[0]), text(ANSWERS[1]), text(ANSWERS[2])), 1_000_000);
            List<StreamResult> streams = new ArrayList<>();
            for (int i = 0; i < STREAM_REPEATS; i++) {
                streams.add(streamOnce(answer, CHUNK_EVERY_NANOS));
            }
            openThread(bigThread); // warm-up
            List<OpenResult> opens = new ArrayList<>();
            for (int i = 0; i < OPEN_REPEATS; i++) {
                opens.add(openThread(bigThread));
            }
            report(streams, opens, answer, setupSeconds);
        } finally {
            fx(() -> {
                scene.getWindow().hide();
                model.close();
                return null;
            });
            if (server != null) {
                server.close();
            }
            io.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- set-up

    /** The 5,000-word answer: the three fixture answers three times, separated by blank lines. */
    private static String longAnswer() throws IOException {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (String name : ANSWERS) {
                parts.add(text(name).strip());
            }
        }
        return String.join("\n\n", parts) + "\n";
    }

    private static String text(String name) throws IOException {
        try (InputStream in = StreamingLatencyBench.class.getResourceAsStream("/answers/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Pieces of 1–7 characters (4 on average), cut anywhere: inside words, fences and table rows. */
    private static List<String> pieces(String text) {
        Random random = new Random(42);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length();) {
            int n = Math.min(text.length() - i, 1 + random.nextInt(7));
            pieces.add(text.substring(i, i + n));
            i += n;
        }
        return pieces;
    }

    /** Creates one chat session of {@code runs} completed runs through the client API; returns its id. */
    private String buildThread(int runs) throws InterruptedException {
        String session = null;
        for (int i = 1; i <= runs; i++) {
            server.llm().script("model-a",
                    Reply.toolCall(null, "coding_agent_read_file", "{\"path\":\"src/App.tsx\"}"),
                    Reply.toolCall(null, "coding_agent_list_files", "{}"),
                    Reply.text("Checked `src/App.tsx` and the file list for step " + i + ": the header already"
                            + " uses the shared button, so nothing needed to change. " + marker(i)));
            Run run = client.createRun(appId, new CreateRunRequest("Step " + i + ": check App.tsx and list the"
                    + " files", TestServer.MODEL_A, "native", null, null, session, null, null,
                    UUID.randomUUID().toString()));
            session = run.chatSessionId();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String status = run.status();
            while (!status.equals("completed")) {
                if (List.of("failed", "cancelled", "paused").contains(status) || System.nanoTime() > deadline) {
                    throw new AssertionError("run " + i + " ended " + status);
                }
                Thread.sleep(3);
                status = client.getRun(appId, run.runId()).status();
            }
        }
        return session;
    }

    private static String marker(int turn) {
        return "marker-turn-" + turn;
    }

    /** The window as the UI tests build it (UiTestBase): real client, in-memory settings, 1240×800. */
    private void openWindow(ClientRuntime runtime, ServerConnection connection, ExecutorService io)
            throws Exception {
        fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            DesktopEnvironment env = new DesktopEnvironment(SettingsStore.inMemory(),
                    c -> RunApiClients.connect(runtime, c), s -> { }, true, "/data/builder-desk",
                    "/data/builder-desk/logs", url -> { });
            model = new MainViewModel(RunApiClients.connect(runtime, connection), Platform::runLater, io, env);
            scene = new Scene(new MainView(model), 1240, 800);
            scene.addPostLayoutPulseListener(() -> {
                if (postLayout != null) {
                    postLayout.run();
                }
            });
            Stage stage = new Stage();
            stage.setX(0);
            stage.setY(0);
            stage.setScene(scene);
            stage.show();
            stage.requestFocus();
            robot = new Robot();
            model.load();
            return null;
        });
        await(20, () -> fx(() -> model.statusProperty().get().startsWith("Connected")
                && model.picker().rows().size() > 2 && !model.threads().isEmpty()));
        fx(() -> {
            model.picker().selectedProperty().set(model.picker().choiceFor(TestServer.MODEL_A));
            return null;
        });
    }

    // ---------------------------------------------------------------- 1 + 2: typing while an answer streams

    private StreamResult streamOnce(String answer, long chunkEveryNanos) throws Exception {
        List<String> pieces = pieces(answer);
        int maxKeys = (int) (pieces.size() * chunkEveryNanos / 1_000_000 / KEY_EVERY_MS) + 400;
        long[] posted = new long[maxKeys];
        long[] dispatched = new long[maxKeys];
        long[] shown = new long[maxKeys];
        int[] counts = new int[3]; // typed events seen, keys shown, base length
        long[] pulse = new long[] {0, 0}; // last frame start, frames
        List<Long> gaps = new ArrayList<>();
        List<Long> pulses = new ArrayList<>();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        TextArea input = fx(() -> {
            model.newThread();
            model.composer().promptProperty().set("");
            return (TextArea) scene.lookup("#composer-input");
        });
        server.llm().script("model-a", Reply.pieces(pieces, chunkEveryNanos));
        EventHandler<KeyEvent> typed = e -> {
            if (!e.getCharacter().isEmpty() && counts[0] < maxKeys) {
                dispatched[counts[0]++] = System.nanoTime();
            }
        };
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                if (pulse[0] != 0) {
                    gaps.add(t - pulse[0]);
                }
                pulse[0] = t;
                pulse[1]++;
            }
        };
        long[] lastMeasuredFrame = {-1};
        ChangeListener<Boolean> run = (obs, was, is) -> {
            if (is) {
                running.countDown();
            } else {
                finished.countDown();
            }
        };
        long[] sent = new long[2];
        fx(() -> {
            scene.addEventFilter(KeyEvent.KEY_TYPED, typed);
            model.composer().runningProperty().addListener(run);
            postLayout = () -> {
                long t = System.nanoTime();
                if (pulse[1] != lastMeasuredFrame[0]) {
                    lastMeasuredFrame[0] = pulse[1];
                    if (pulse[0] != 0) {
                        pulses.add(t - pulse[0]);
                    }
                }
                int len = input.getText() == null ? 0 : input.getText().length();
                while (counts[1] < counts[0] && counts[1] < len - counts[2]) {
                    shown[counts[1]++] = t;
                }
            };
            model.composer().promptProperty().set("Write the long answer");
            timer.start();
            sent[0] = System.nanoTime();
            ((Button) scene.lookup("#composer-send")).fire();
            return null;
        });
        if (!running.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the run never started");
        }
        // The composer is cleared once the run exists; type into it from then on.
        await(10, () -> fx(() -> input.getText().isEmpty()));
        fx(() -> {
            input.requestFocus();
            input.end();
            counts[2] = input.getText().length();
            return null;
        });
        StringBuilder expected = new StringBuilder();
        int keys = 0;
        long start = System.nanoTime();
        while (finished.getCount() > 0 && keys < maxKeys) {
            long due = start + keys * KEY_EVERY_MS * 1_000_000;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (finished.getCount() == 0) {
                break;
            }
            char c = LETTERS.charAt(keys % LETTERS.length());
            expected.append(c);
            KeyCode code = KeyCode.getKeyCode(String.valueOf(Character.toUpperCase(c)));
            posted[keys] = System.nanoTime();
            Platform.runLater(() -> robot.keyType(code));
            keys++;
        }
        if (!finished.await(120, TimeUnit.SECONDS)) {
            throw new AssertionError("the run never finished");
        }
        sent[1] = System.nanoTime();
        int typedKeys = keys;
        // Keys typed before the end may still be on their way to the screen.
        try {
            await(10, () -> fx(() -> counts[1] >= typedKeys));
        } catch (AssertionError slow) {
            // reported as lost below
        }
        String text = fx(() -> {
            timer.stop();
            postLayout = null;
            scene.removeEventFilter(KeyEvent.KEY_TYPED, typed);
            model.composer().runningProperty().removeListener(run);
            return input.getText();
        });
        int shownKeys = fx(() -> counts[1]);
        int lost = typedKeys - shownKeys;
        if (!text.equals(expected.toString())) {
            System.out.println("composer text differs from the keys typed: " + text.length() + " vs "
                    + expected.length() + " characters");
        }
        double[] keyMs = new double[shownKeys];
        double[] dispatchMs = new double[shownKeys];
        for (int i = 0; i < shownKeys; i++) {
            keyMs[i] = (shown[i] - posted[i]) / 1e6;
            dispatchMs[i] = (shown[i] - dispatched[i]) / 1e6;
        }
        double[] thirds = new double[3];
        for (int t = 0; t < 3; t++) {
            thirds[t] = percentile(Arrays.copyOfRange(keyMs, t * shownKeys / 3, (t + 1) * shownKeys / 3), 50);
        }
        return new StreamResult(shownKeys, lost, (sent[1] - sent[0]) / 1e9, answer.length(), keyMs, dispatchMs,
                thirds, millis(gaps), millis(pulses));
    }

    // ---------------------------------------------------------------- 3: open a 200-run thread

    private OpenResult openThread(String session) throws Exception {
        fx(() -> {
            model.newThread();
            return null;
        });
        Thread.sleep(300);
        double before = heapAfterGc();
        ListView<?> threads = fx(() -> {
            ListView<?> list = (ListView<?>) scene.lookup("#threads-list");
            int index = indexOf(list, session);
            list.scrollTo(index);
            return list;
        });
        Thread.sleep(100);
        Point2D at = fx(() -> {
            for (Node n : threads.lookupAll(".list-cell")) {
                if (n instanceof ListCell<?> cell && cell.getItem() instanceof ChatSession s && s.id().equals(session)
                        && cell.isVisible()) {
                    Bounds b = cell.localToScreen(cell.getBoundsInLocal());
                    return new Point2D(b.getMinX() + 20, b.getCenterY());
                }
            }
            throw new AssertionError("the thread's cell is not on screen");
        });
        fx(() -> {
            robot.mouseMove(at);
            return null;
        });
        Thread.sleep(50);
        String wanted = marker(THREAD_RUNS);
        long[] times = new long[2];
        CountDownLatch shown = new CountDownLatch(1);
        fx(() -> {
            Node timeline = scene.lookup("#timeline-list");
            postLayout = () -> {
                if (shown.getCount() > 0 && showsText(timeline, wanted)) {
                    times[1] = System.nanoTime();
                    shown.countDown();
                }
            };
            return null;
        });
        times[0] = System.nanoTime();
        Platform.runLater(() -> robot.mouseClick(MouseButton.PRIMARY));
        if (!shown.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the newest turn never showed");
        }
        // A sanity check only (how many rows the timeline holds), if it is still a ListView.
        int rows = fx(() -> {
            postLayout = null;
            return scene.lookup("#timeline-list") instanceof ListView<?> list ? list.getItems().size() : -1;
        });
        double after = heapAfterGc();
        return new OpenResult((times[1] - times[0]) / 1e6, before, after, rows);
    }

    private static int indexOf(ListView<?> list, String session) {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i) instanceof ChatSession s && s.id().equals(session)) {
                return i;
            }
        }
        throw new AssertionError("thread not listed");
    }

    /** Whether a visible {@link Text} under {@code root}, inside its bounds on screen, contains {@code marker}. */
    private static boolean showsText(Node root, String marker) {
        Bounds view = root.localToScene(root.getLayoutBounds());
        return showsText(root, root, marker, view);
    }

    private static boolean showsText(Node root, Node node, String marker, Bounds view) {
        if (!node.isVisible()) {
            return false;
        }
        if (node instanceof Text t && t.getText() != null && t.getText().contains(marker)) {
            return view.intersects(t.localToScene(t.getBoundsInLocal()));
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                if (showsText(root, child, marker, view)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double heapAfterGc() throws InterruptedException {
        collectGarbage();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    // ---------------------------------------------------------------- report

    private void report(List<StreamResult> streams, List<OpenResult> opens, String answer, double setupSeconds)
            throws IOException {
        String commit = commit();
        StringBuilder md = new StringBuilder();
        md.append(String.format("StreamingLatencyBench %s, commit %s, JDK %s, %d cores (shared machine), answer %,d"
                + " chars / %d code blocks at %d chunks/s, key every %d ms, thread of %d runs (set up in %.1f s)%n%n",
                LocalDate.now(), commit, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), answer.length(), countFences(answer) / 2,
                1_000_000_000 / CHUNK_EVERY_NANOS, KEY_EVERY_MS, THREAD_RUNS, setupSeconds));
        md.append("| repeat | keys (lost) | key→screen p50 / p95 / p99 / max (ms) | dispatch→screen p50 / p99 |"
                + " key p50 by third of the answer | frame gap p99 / max | pulse CSS+layout p99 / max |"
                + " answer done after |\n|---|---|---|---|---|---|---|---|\n");
        ObjectNode json = Json.object();
        json.put("bench", "StreamingLatencyBench").put("date", LocalDate.now().toString()).put("commit", commit)
                .put("jdk", System.getProperty("java.version"))
                .put("cores", Runtime.getRuntime().availableProcessors()).put("shared_machine", true)
                .put("answer_chars", answer.length()).put("chunks_per_s", 1_000_000_000 / CHUNK_EVERY_NANOS)
                .put("key_every_ms", KEY_EVERY_MS).put("thread_runs", THREAD_RUNS);
        ArrayNode reps = json.putArray("stream_repeats");
        for (int i = 0; i < streams.size(); i++) {
            StreamResult r = streams.get(i);
            md.append(String.format("| %d | %d (%d) | %s | %.0f / %.0f | %.0f / %.0f / %.0f | %.0f / %.0f |"
                    + " %.0f / %.0f | %.1f s |%n", i + 1, r.keys(), r.lost(), pcts(r.keyMs()),
                    percentile(r.dispatchMs(), 50), percentile(r.dispatchMs(), 99), r.thirdsP50()[0],
                    r.thirdsP50()[1], r.thirdsP50()[2], percentile(r.gapMs(), 99), max(r.gapMs()),
                    percentile(r.pulseMs(), 99), max(r.pulseMs()), r.answerSeconds()));
            ObjectNode rep = reps.addObject();
            rep.put("keys", r.keys()).put("lost", r.lost()).put("answer_done_s", round(r.answerSeconds()));
            rep.put("key_p50_ms", round(percentile(r.keyMs(), 50)))
                    .put("key_p95_ms", round(percentile(r.keyMs(), 95)))
                    .put("key_p99_ms", round(percentile(r.keyMs(), 99))).put("key_max_ms", round(max(r.keyMs())))
                    .put("dispatch_p50_ms", round(percentile(r.dispatchMs(), 50)))
                    .put("dispatch_p99_ms", round(percentile(r.dispatchMs(), 99)))
                    .put("frame_gap_p99_ms", round(percentile(r.gapMs(), 99)))
                    .put("frame_gap_max_ms", round(max(r.gapMs())))
                    .put("pulse_p99_ms", round(percentile(r.pulseMs(), 99)))
                    .put("pulse_max_ms", round(max(r.pulseMs())));
            ArrayNode thirds = rep.putArray("key_p50_by_third_ms");
            for (double t : r.thirdsP50()) {
                thirds.add(round(t));
            }
        }
        md.append(String.format("| **median** | | **%.0f / %.0f / %.0f / %.0f** | %.0f / %.0f | | **%.0f / %.0f** |"
                + " %.0f / %.0f | |%n%n", median(streams, r -> percentile(r.keyMs(), 50)),
                median(streams, r -> percentile(r.keyMs(), 95)), median(streams, r -> percentile(r.keyMs(), 99)),
                median(streams, r -> max(r.keyMs())), median(streams, r -> percentile(r.dispatchMs(), 50)),
                median(streams, r -> percentile(r.dispatchMs(), 99)), median(streams, r -> percentile(r.gapMs(), 99)),
                median(streams, r -> max(r.gapMs())), median(streams, r -> percentile(r.pulseMs(), 99)),
                median(streams, r -> max(r.pulseMs()))));
        md.append("| open " + THREAD_RUNS + "-run thread | click → newest turn on screen | heap before click |"
                + " heap after | timeline rows |\n|---|---|---|---|---|\n");
        ArrayNode openJson = json.putArray("open_repeats");
        for (int i = 0; i < opens.size(); i++) {
            OpenResult o = opens.get(i);
            md.append(String.format("| %d | %.0f ms | %.0f MiB | %.0f MiB | %d |%n", i + 1, o.openMs(),
                    o.heapBeforeMib(), o.heapAfterMib(), o.rows()));
            openJson.addObject().put("open_ms", round(o.openMs())).put("heap_before_mib", round(o.heapBeforeMib()))
                    .put("heap_after_mib", round(o.heapAfterMib())).put("timeline_rows", o.rows());
        }
        double[] openMs = opens.stream().mapToDouble(OpenResult::openMs).toArray();
        double[] heapAfter = opens.stream().mapToDouble(OpenResult::heapAfterMib).toArray();
        double[] heapBefore = opens.stream().mapToDouble(OpenResult::heapBeforeMib).toArray();
        md.append(String.format("| **median** | **%.0f ms** | %.0f MiB | **%.0f MiB** | |%n", percentile(openMs, 50),
                percentile(heapBefore, 50), percentile(heapAfter, 50)));
        ObjectNode medians = json.putObject("medians");
        medians.put("key_p50_ms", round(median(streams, r -> percentile(r.keyMs(), 50))))
                .put("key_p95_ms", round(median(streams, r -> percentile(r.keyMs(), 95))))
                .put("key_p99_ms", round(median(streams, r -> percentile(r.keyMs(), 99))))
                .put("key_max_ms", round(median(streams, r -> max(r.keyMs()))))
                .put("frame_gap_p99_ms", round(median(streams, r -> percentile(r.gapMs(), 99))))
                .put("frame_gap_max_ms", round(median(streams, r -> max(r.gapMs()))))
                .put("pulse_p99_ms", round(median(streams, r -> percentile(r.pulseMs(), 99))))
                .put("pulse_max_ms", round(median(streams, r -> max(r.pulseMs()))))
                .put("open_ms", round(percentile(openMs, 50)))
                .put("heap_before_open_mib", round(percentile(heapBefore, 50)))
                .put("heap_after_open_mib", round(percentile(heapAfter, 50)));
        Path out = Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(out.resolve("streaming-latency.json"), Json.write(json) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Files.writeString(out.resolve("streaming-latency.md"), md.toString());
        System.out.println(md);
    }

    private static String pcts(double[] ms) {
        return String.format("%.0f / %.0f / %.0f / %.0f", percentile(ms, 50), percentile(ms, 95), percentile(ms, 99),
                max(ms));
    }

    private static int countFences(String text) {
        return (int) text.lines().filter(l -> l.startsWith("```")).count();
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String dirty = new String(new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no",
                    "src/main").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank() ? ""
                    : "+changes";
            return p.waitFor() == 0 ? out + dirty : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static double median(List<StreamResult> rs, java.util.function.ToDoubleFunction<StreamResult> f) {
        return percentile(rs.stream().mapToDouble(f).toArray(), 50);
    }

    /** Nearest-rank percentile (NaN for no values). */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double[] millis(List<Long> nanos) {
        return nanos.stream().mapToDouble(n -> n / 1e6).toArray();
    }

    // ---------------------------------------------------------------- FX helpers (TimelineBench uses them too)

    /** Starts the JavaFX toolkit unless another test already has, and keeps it up when the bench's windows close. */
    static void startToolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test started the toolkit
        }
        Platform.setImplicitExit(false);
    }

    /** Three collections 100 ms apart, so a heap reading after them is what is still reachable. */
    static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    /** Runs {@code task} on the FX thread and waits for its result. */
    static <T> T fx(Callable<T> task) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return task.call();
        }
        FutureTask<T> f = new FutureTask<>(task);
        Platform.runLater(f);
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void await(int seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
