package dev.builderdesk.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.ProviderModels.Offered;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks an OpenAI-compatible endpoint which models it serves ({@code GET {base_url}/models}) and tells each one's
 * capability ({@link ModelKinds}). Accepts OpenAI's {@code {"data": [...]}}, a bare array and {@code {"models":
 * [...]}} (entries with {@code id}, or {@code name}/{@code model} as Ollama's native listing has).
 */
public final class ModelDiscovery {
    private final OkHttpClient http;

    public ModelDiscovery(OkHttpClient http, Duration timeout) {
        this.http = http.newBuilder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).build();
    }

    /** The models, in the endpoint's order. */
    public List<Offered> list(String baseUrl, String apiKey) throws DiscoveryException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpUrl url = HttpUrl.parse(base + "/models");
        if (url == null) {
            throw new DiscoveryException(DiscoveryException.Reason.UNREACHABLE, 0, "Not a valid URL: " + base, null);
        }
        Request.Builder request = new Request.Builder().url(url).get();
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            int status = response.code();
            if (status == 401 || status == 403) {
                throw new DiscoveryException(DiscoveryException.Reason.KEY_REJECTED, status, "HTTP " + status, null);
            }
            if (!response.isSuccessful()) {
                throw new DiscoveryException(DiscoveryException.Reason.HTTP_ERROR, status, "HTTP " + status, null);
            }
            return parse(response.body().string());
        } catch (IOException e) {
            throw new DiscoveryException(DiscoveryException.Reason.UNREACHABLE, 0, String.valueOf(e.getMessage()), e);
        }
    }

    /** The entries of a listing; throws when the text is not one. */
    static List<Offered> parse(String text) throws DiscoveryException {
        JsonNode body;
        try {
            body = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new DiscoveryException(DiscoveryException.Reason.NOT_A_LISTING, 200, "Not JSON", e);
        }
        JsonNode entries = body == null ? null : body.isArray() ? body : body.has("data") ? body.get("data")
                : body.get("models");
        if (entries == null || !entries.isArray()) {
            throw new DiscoveryException(DiscoveryException.Reason.NOT_A_LISTING, 200, "No model list", null);
        }
        List<Offered> offered = new ArrayList<>();
        for (JsonNode m : entries) {
            String id = m.isTextual() ? m.asText() : firstText(m, "id", "name", "model");
            if (id != null && !id.isBlank()) {
                ObjectNode entry = m.isObject() ? ((ObjectNode) m).deepCopy() : Json.object();
                entry.put("id", id);
                offered.add(new Offered(id, ModelKinds.capabilityOf(entry)));
            }
        }
        return offered;
    }

    private static String firstText(JsonNode m, String... fields) {
        for (String f : fields) {
            if (m.path(f).isTextual()) {
                return m.get(f).asText();
            }
        }
        return null;
    }
}
