package dev.builderdesk.engine.opencode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/** The few routes of the OpenCode v1 server API the engine uses, with Basic auth and short timeouts. */
final class OpenCodeApi {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String auth;

    OpenCodeApi(OpenCodeServer server) {
        this.baseUrl = server.baseUrl();
        this.auth = basicAuth(server.password());
    }

    static String basicAuth(String password) {
        return "Basic " + OpenCodeLauncher.encode("opencode:" + password);
    }

    String createSession(String title) throws IOException, InterruptedException {
        JsonNode session = post("/session", Json.object().put("title", title), Duration.ofSeconds(10));
        return session.path("id").asText();
    }

    void promptAsync(String sessionId, String providerId, String modelId, String text)
            throws IOException, InterruptedException {
        ObjectNode body = Json.object();
        body.putObject("model").put("providerID", providerId).put("modelID", modelId);
        ObjectNode tools = body.putObject("tools");
        for (String denied : new String[] {"bash", "webfetch", "question", "task", "skill"}) {
            tools.put(denied, false);
        }
        body.putArray("parts").addObject().put("type", "text").put("text", text);
        send("POST", "/session/" + sessionId + "/prompt_async", body, Duration.ofSeconds(10));
    }

    /** Asks OpenCode to stop the session's turn; true when it says it did. */
    boolean abort(String sessionId) throws IOException, InterruptedException {
        JsonNode answer = post("/session/" + sessionId + "/abort", Json.object(), Duration.ofSeconds(3));
        return answer != null && answer.asBoolean(false);
    }

    /** Reads {@code /event} until the stream ends or the thread is interrupted; hands each event's JSON over. */
    void events(Consumer<JsonNode> onEvent, Consumer<InputStream> onOpen) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/event")).header("Authorization", auth)
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("OpenCode /event answered " + response.statusCode());
        }
        onOpen.accept(response.body());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.isEmpty() || data.equals("[DONE]")) {
                    continue;
                }
                try {
                    onEvent.accept(Json.mapper().readTree(data));
                } catch (IOException e) {
                    // An unreadable frame is skipped; OpenCode's union of events grows between versions.
                }
            }
        }
    }

    private JsonNode post(String path, ObjectNode body, Duration timeout) throws IOException, InterruptedException {
        String text = send("POST", path, body, timeout);
        return text.isBlank() ? null : Json.mapper().readTree(text);
    }

    private String send(String method, String path, ObjectNode body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", auth).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("OpenCode " + method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
