package dev.builderdesk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.app.ServerAssembly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real run API server on {@code 127.0.0.1:0} with a real SQLite file in a temporary folder, configured through a
 * real YAML file: two tenants (acme with an owner and a member token, beta with an owner token), a scripted
 * OpenAI-compatible provider on loopback, the demo provider, and global and tenant models of every kind the
 * contract distinguishes.
 */
public final class TestServer implements AutoCloseable {
    public static final String ACME = "0b6f0000-0000-4000-8000-000000000001";
    public static final String BETA = "0b6f0000-0000-4000-8000-000000000002";
    /** Acme's workspace root: the temporary folder, where the tests' app folders are; beta has none. */
    public static final String WORKSPACE_ROOT = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()
            .toString();
    public static final String ACME_OWNER = "acme-owner-token";
    public static final String ACME_MEMBER = "acme-member-token";
    public static final String BETA_OWNER = "beta-owner-token";

    /** Global chat model, the global default, served by the scripted provider as {@code model-a}. */
    public static final String MODEL_A = "5d1e0000-0000-4000-8000-00000000000a";
    /** Global chat model served as {@code model-b}. */
    public static final String MODEL_B = "5d1e0000-0000-4000-8000-00000000000b";
    /** Global embedding model (not chat). */
    public static final String MODEL_EMBED = "5d1e0000-0000-4000-8000-00000000000e";
    /** Global chat model that is not active. */
    public static final String MODEL_INACTIVE = "5d1e0000-0000-4000-8000-00000000000f";
    /** Chat model of tenant acme, served as {@code model-acme}. */
    public static final String MODEL_ACME = "5d1e0000-0000-4000-8000-0000000000a1";
    /** Chat model of tenant beta. */
    public static final String MODEL_BETA = "5d1e0000-0000-4000-8000-0000000000b1";
    /** Global demo model. */
    public static final String MODEL_DEMO = "5d1e0000-0000-4000-8000-0000000000d0";

    private final ScriptedLlm llm;
    private final boolean ownsLlm;
    private final Path dir;
    private final Options options;
    /** A PostgreSQL database of this server's own when the run selects PostgreSQL; null: SQLite in the data folder. */
    private final String databaseUrl;
    private ServerAssembly server;
    private int stoppedPort;

    /** Knobs a test may turn. */
    public record Options(int heartbeatSeconds, int maxToolIterations, int messageBudgetChars, String openCode,
            int poolSize, List<String> providerUrls, boolean verifyCommands) {
        public static Options defaults() {
            return new Options(10, 30, 28_000, "opencode-not-installed-here", 8, List.of(), true);
        }

        /** Without {@code allow_verify_commands}: a shared server as its operator finds it. */
        public Options noVerifyCommands() {
            return new Options(heartbeatSeconds, maxToolIterations, messageBudgetChars, openCode, poolSize,
                    providerUrls, false);
        }

        /** The operator's allow-list of provider URL prefixes ({@code server.provider_url_prefixes}). */
        public Options providerUrls(String... prefixes) {
            return new Options(heartbeatSeconds, maxToolIterations, messageBudgetChars, openCode, poolSize,
                    List.of(prefixes), verifyCommands);
        }

        /** At most this many database connections. */
        public Options pool(int size) {
            return new Options(heartbeatSeconds, maxToolIterations, messageBudgetChars, openCode, size,
                    providerUrls, verifyCommands);
        }

        public Options heartbeat(int seconds) {
            return new Options(seconds, maxToolIterations, messageBudgetChars, openCode, poolSize, providerUrls,
                    verifyCommands);
        }

        public Options maxSteps(int steps) {
            return new Options(heartbeatSeconds, steps, messageBudgetChars, openCode, poolSize, providerUrls,
                    verifyCommands);
        }

        public Options budget(int chars) {
            return new Options(heartbeatSeconds, maxToolIterations, chars, openCode, poolSize, providerUrls,
                    verifyCommands);
        }

        /** The OpenCode binary the server should use. */
        public Options openCode(String command) {
            return new Options(heartbeatSeconds, maxToolIterations, messageBudgetChars, command, poolSize,
                    providerUrls, verifyCommands);
        }
    }

    private TestServer(ScriptedLlm llm, Path dir, Options options) {
        this(llm, true, dir, options, Postgres.selected() ? Postgres.shared().newDatabase() : null);
    }

    private TestServer(ScriptedLlm llm, boolean ownsLlm, Path dir, Options options, String databaseUrl) {
        this.llm = llm;
        this.ownsLlm = ownsLlm;
        this.dir = dir;
        this.options = options;
        this.databaseUrl = databaseUrl;
    }

    /**
     * One instance of a shared deployment: a server with a data folder of its own on the PostgreSQL database at
     * {@code databaseUrl}, its scripted model {@code llm} (the caller's, shared with the other instances).
     */
    public static TestServer startOn(Path dir, Options options, String databaseUrl, ScriptedLlm llm) {
        try {
            TestServer t = new TestServer(llm, false, dir, options, databaseUrl);
            t.boot();
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(Path dir) {
        return start(dir, Options.defaults());
    }

    public static TestServer start(Path dir, Options options) {
        try {
            TestServer t = new TestServer(ScriptedLlm.start(), dir, options);
            t.boot();
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void boot() throws IOException {
        boot(0);
    }

    private void boot(int port) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("server.yaml");
        Files.writeString(config, yaml());
        server = ServerAssembly.start(new ServerAssembly.Options(dir.resolve("data"), config, "127.0.0.1", port,
                List.of(), name -> null));
    }

    /** Stops the server as a shutdown would (runs pause); {@link #startAgain()} brings it back on the same port. */
    public void stop() {
        stoppedPort = server.port();
        server.close();
    }

    /** Starts the stopped server again on the same port and data folder (a client sees it come back). */
    public void startAgain() throws IOException {
        boot(stoppedPort);
    }

    /** Stops the server (runs pause) and starts it again on the same data folder. */
    public void restart() throws IOException {
        restart(() -> { });
    }

    /** Something a test does to the data folder while the server is stopped. */
    @FunctionalInterface
    public interface WhileStopped {
        void run() throws Exception;
    }

    /** Stops the server, lets the test change what it left (say, into the state a crash leaves), starts it again. */
    public void restart(WhileStopped change) throws IOException {
        server.close();
        try {
            change.run();
        } catch (Exception e) {
            throw new IllegalStateException("The change while stopped failed", e);
        }
        boot();
    }

    /** A connection to the server's database (SQLite or PostgreSQL), for tests that inspect or alter it. */
    public java.sql.Connection database() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(databaseUrl());
    }

    /** The JDBC URL of the server's database, for a test that opens a second instance's view of it. */
    public String databaseUrl() {
        return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + databaseFile();
    }

    /** True when this server's database is PostgreSQL (a test whose SQL differs per dialect asks). */
    public boolean onPostgres() {
        return databaseUrl != null;
    }

    /** The server's SQLite database file, for tests that inspect or alter it while the server is stopped. */
    public Path databaseFile() {
        return dataDir().resolve("builder-desk.db");
    }

    public ScriptedLlm llm() {
        return llm;
    }

    public Path dir() {
        return dir;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public Api api(String token) {
        return new Api(baseUrl(), token);
    }

    /** The acme owner's client. */
    public Api owner() {
        return api(ACME_OWNER);
    }

    public static String runs(String appId) {
        return "/admin/apps/" + appId + "/coding-agent/runs";
    }

    /** Creates an app for acme from a template and returns its JSON. */
    public JsonNode createApp(String name, String template) {
        Api.Resp r = owner().post("/admin/apps", Map.of("name", name, "template", template));
        if (r.status() != 200) {
            throw new IllegalStateException("createApp: " + r.status() + " " + r.raw());
        }
        return r.json();
    }

    /** Opens an existing folder as an acme app and returns the app's id (fails the test on a non-200). */
    public String adoptFolder(String name, Path folder) {
        Api.Resp r = owner().post("/admin/apps", Map.of("name", name, "workspace_path", folder.toString()));
        if (r.status() != 200) {
            throw new IllegalStateException("adoptFolder: " + r.status() + " " + r.raw());
        }
        return r.json().get("id").asText();
    }

    /** The id of the app's current draft revision. */
    public String draftOf(String appId) {
        return owner().get("/admin/apps/" + appId + "/builder/state").json().get("current_draft_revision").get("id")
                .asText();
    }

    /** Creates an acme run and returns its JSON (fails the test on a non-200). */
    public JsonNode createRun(String appId, Map<String, Object> body) {
        Api.Resp r = owner().post(runs(appId), body);
        if (r.status() != 200) {
            throw new IllegalStateException("createRun: " + r.status() + " " + r.raw());
        }
        return r.json();
    }

    /** Opens the run's stream with the acme owner token and the given query. */
    public SseStream stream(String appId, String runId, String query, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + ACME_OWNER);
        return SseStream.open(baseUrl() + runs(appId) + "/" + runId + "/stream" + query, all);
    }

    /** Streams the whole run (from seq 1) until its terminal event. */
    public List<SseStream.Frame> streamToEnd(String appId, String runId) {
        try (SseStream s = stream(appId, runId, "", Map.of())) {
            return s.remainingEvents();
        }
    }

    /** Polls the run until its status is one of {@code statuses}. */
    public JsonNode awaitStatus(String appId, String runId, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = owner().get(runs(appId) + "/" + runId).json();
            if (wanted.contains(run.path("status").asText())) {
                return run;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Run " + runId + " never reached " + wanted);
    }

    @Override
    public void close() {
        server.close();
        if (ownsLlm) {
            llm.close();
        }
    }

    private String yaml() {
        return """
                server: {heartbeat_seconds: %d, allow_verify_commands: %s%s}
                database: {%spool_size: %d}
                tenants:
                  - id: "%s"
                    name: acme
                    workspace_roots: ["%s"]
                    tokens:
                      - {token: "%s", role: owner}
                      - {token: "%s", role: member}
                  - id: "%s"
                    name: beta
                    tokens:
                      - {token: "%s", role: owner}
                providers:
                  - {id: scripted, name: "Scripted", kind: openai-compatible, base_url: "%s"}
                  - {id: demo, name: "Demo (scripted, offline)", kind: demo}
                models:
                  - {id: "%s", tenant: null, name: "Model A", slug: model-a, capability_type: chat, is_active: true,
                     is_default: true, metadata: {context_window: 32768, supports_tools: true},
                     providers: [{provider: scripted, provider_model_id: model-a, priority: 0}]}
                  - {id: "%s", name: "Model B", capability_type: chat,
                     providers: [{provider: scripted, provider_model_id: model-b}]}
                  - {id: "%s", name: "Embedder", capability_type: embedding,
                     providers: [{provider: scripted, provider_model_id: embed}]}
                  - {id: "%s", name: "Inactive Model", capability_type: chat, is_active: false,
                     providers: [{provider: scripted, provider_model_id: inactive}]}
                  - {id: "%s", tenant: acme, name: "Acme Private", capability_type: chat,
                     providers: [{provider: scripted, provider_model_id: model-acme}]}
                  - {id: "%s", tenant: beta, name: "Beta Private", capability_type: chat,
                     providers: [{provider: scripted, provider_model_id: model-beta}]}
                  - {id: "%s", name: "Demo (scripted, offline)", capability_type: chat,
                     providers: [{provider: demo, provider_model_id: demo-scripted}]}
                engines: {default: native, opencode: {command: "%s", enabled: true}}
                runs: {max_tool_iterations: %d, message_budget_chars: %d, demo_chunk_delay_ms: 0,
                       provider_max_attempts: 3, provider_retry_delay_ms: 50}
                """.formatted(options.heartbeatSeconds(), options.verifyCommands(),
                options.providerUrls().isEmpty() ? "" : ", provider_url_prefixes: [" + String.join(", ",
                        options.providerUrls().stream().map(u -> "\"" + u + "\"").toList()) + "]",
                databaseUrl == null ? "" : "url: \"" + databaseUrl + "\", ", options.poolSize(), ACME, WORKSPACE_ROOT,
                ACME_OWNER, ACME_MEMBER, BETA, BETA_OWNER, llm.baseUrl(), MODEL_A, MODEL_B, MODEL_EMBED, MODEL_INACTIVE,
                MODEL_ACME, MODEL_BETA, MODEL_DEMO, options.openCode(), options.maxToolIterations(),
                options.messageBudgetChars());
    }
}
