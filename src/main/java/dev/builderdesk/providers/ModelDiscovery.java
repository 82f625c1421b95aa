package dev.builderdesk.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Asks an OpenAI-compatible endpoint which models it serves ({@code GET {base_url}/models}). */
public final class ModelDiscovery {
    private final OkHttpClient http;

    public ModelDiscovery(OkHttpClient http, Duration timeout) {
        this.http = http.newBuilder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).build();
    }

    /** The model ids, in the endpoint's order. */
    public List<String> list(String baseUrl, String apiKey) throws IOException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Request.Builder request = new Request.Builder().url(base + "/models").get();
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code() + " from " + base + "/models");
            }
            JsonNode body = Json.mapper().readTree(response.body().string());
            List<String> ids = new ArrayList<>();
            for (JsonNode m : body.path("data")) {
                if (m.hasNonNull("id")) {
                    ids.add(m.get("id").asText());
                }
            }
            return ids;
        }
    }
}
