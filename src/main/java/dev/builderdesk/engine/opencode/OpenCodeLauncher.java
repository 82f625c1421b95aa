package dev.builderdesk.engine.opencode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.providers.ProviderEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code opencode serve} for one run: on loopback, on a free port, {@code --pure}, with a random Basic-auth
 * password, an isolated home (nothing of the user's OpenCode setup is read or written) and a configuration whose
 * only provider is the pinned model's OpenAI-compatible endpoint. Shell and web tools are denied: the agent
 * works on files in its sandbox only.
 */
public final class OpenCodeLauncher {
    /** The provider id the generated configuration gives the pinned endpoint. */
    public static final String PROVIDER_ID = "builderdesk";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final String command;
    private final Path workRoot;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * @param command  the {@code opencode} binary (a path, or a name on PATH)
     * @param workRoot where per-run homes and logs are kept
     */
    public OpenCodeLauncher(String command, Path workRoot) {
        this.command = command;
        this.workRoot = workRoot;
    }

    public OpenCodeServer start(String runId, Path sandbox, ProviderEndpoint endpoint, String modelId)
            throws IOException, InterruptedException {
        Path home = Files.createDirectories(workRoot.resolve(runId));
        Path config = Files.createDirectories(home.resolve(".config/opencode"));
        Files.writeString(config.resolve("opencode.json"), Json.write(configFor(endpoint, modelId)));
        String password = randomPassword();
        int port = freePort();
        Path log = home.resolve("opencode.log");
        ProcessBuilder pb = new ProcessBuilder(command, "serve", "--hostname", "127.0.0.1", "--port",
                Integer.toString(port), "--pure").directory(sandbox.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("OPENCODE_SERVER_PASSWORD", password);
        env.remove("OPENCODE_SERVER_USERNAME");
        Process process = pb.start();
        OpenCodeServer server = new OpenCodeServer(process, "http://127.0.0.1:" + port, password, log);
        try {
            awaitHealthy(server);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Removes a run's OpenCode home after the run, keeping its log as {@code logs/<run>.log} beside the homes.
     */
    public void discard(String runId) {
        Path home = workRoot.resolve(runId);
        try {
            Path logs = Files.createDirectories(workRoot.resolve("logs"));
            Path log = home.resolve("opencode.log");
            if (Files.exists(log)) {
                Files.move(log, logs.resolve(runId + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (var walk = Files.walk(home)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // A leftover folder costs disk, not correctness.
        }
    }

    /**
     * Polls {@code /global/health} with short timeouts: a request sent the instant the port opens can hang, so no
     * single request may wait long.
     */
    private void awaitHealthy(OpenCodeServer server) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        String auth = OpenCodeApi.basicAuth(server.password());
        while (Instant.now().isBefore(deadline)) {
            if (!server.process().isAlive()) {
                throw new IOException("opencode exited with code " + server.process().exitValue() + ": "
                        + tail(server.log()));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                                + "/global/health")).timeout(Duration.ofMillis(800)).header("Authorization", auth)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"healthy\":true")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet, or the early request hung: try again
            }
            Thread.sleep(150);
        }
        throw new IOException("opencode did not become healthy within " + STARTUP.toSeconds() + " s: "
                + tail(server.log()));
    }

    static ObjectNode configFor(ProviderEndpoint endpoint, String modelId) {
        ObjectNode c = Json.object();
        c.put("$schema", "https://opencode.ai/config.json");
        c.put("autoupdate", false);
        c.put("share", "disabled");
        c.put("model", PROVIDER_ID + "/" + modelId);
        c.put("small_model", PROVIDER_ID + "/" + modelId);
        ObjectNode permission = c.putObject("permission");
        permission.put("edit", "allow");
        permission.put("bash", "deny");
        permission.put("webfetch", "deny");
        permission.put("external_directory", "deny");
        ObjectNode provider = c.putObject("provider").putObject(PROVIDER_ID);
        provider.put("npm", "@ai-sdk/openai-compatible");
        provider.put("name", "Builder Desk pinned model");
        ObjectNode options = provider.putObject("options");
        options.put("baseURL", endpoint.baseUrl());
        options.put("apiKey", endpoint.apiKey() == null || endpoint.apiKey().isBlank() ? "none" : endpoint.apiKey());
        ObjectNode model = provider.putObject("models").putObject(modelId);
        model.put("name", modelId);
        model.put("tool_call", true);
        model.putObject("limit").put("context", 128_000).put("output", 8_192);
        return c;
    }

    /** Asks the binary for its version: the engine is available when it answers. */
    public String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command, "--version")).redirectErrorStream(true).start();
        if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("'" + command + " --version' did not answer");
        }
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.exitValue() != 0) {
            throw new IOException("'" + command + " --version' failed: " + out);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 600 ? text.substring(text.length() - 600) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static String encode(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
