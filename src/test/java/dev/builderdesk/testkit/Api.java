package dev.builderdesk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for the run API in tests (the JDK's client: the product's own client is tested apart). */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers;

    public Api(String baseUrl, String token) {
        this(baseUrl, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private Api(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    /** The same client with one more header on every request. */
    public Api with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Api(baseUrl, more);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An answer: status, raw body and the body parsed as JSON (null when it is not JSON). */
    public record Resp(int status, String raw, JsonNode json, HttpResponse<String> response) {
        public String detailText() {
            return json == null ? null : json.path("detail").isTextual() ? json.get("detail").asText() : null;
        }

        public JsonNode detail() {
            return json == null ? null : json.get("detail");
        }
    }

    public Resp get(String path) {
        return send("GET", path, null);
    }

    public Resp post(String path, Object body) {
        return send("POST", path, body);
    }

    public Resp put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Resp delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a raw body (bytes as given, no JSON encoding). */
    public Resp sendRaw(String method, String path, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return execute(b.build());
    }

    public Resp send(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return execute(b.build());
    }

    private static Resp execute(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : Json.mapper().readTree(r.body());
            } catch (IOException e) {
                json = null;
            }
            return new Resp(r.statusCode(), r.body(), json, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
