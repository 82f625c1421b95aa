package dev.builderdesk.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Streams {@code POST {base_url}/chat/completions} of an OpenAI-compatible endpoint. Tool calls arrive as deltas
 * keyed by {@code index} and are assembled here; a stream that ends without a finish reason is an error, not an
 * answer.
 */
public final class OpenAiCompatibleProvider implements ChatProvider {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final String baseUrl;
    private final String apiKey;

    public OpenAiCompatibleProvider(OkHttpClient http, String baseUrl, String apiKey) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    @Override
    public ChatResult complete(ChatRequest request, ChatListener listener, Cancellation cancellation)
            throws ProviderException, CancelledException {
        Request.Builder http = new Request.Builder()
                .url(baseUrl + "/chat/completions")
                .header("Accept", "text/event-stream")
                .post(RequestBody.create(Json.write(body(request)), JSON));
        if (apiKey != null && !apiKey.isBlank()) {
            http.header("Authorization", "Bearer " + apiKey);
        }
        Call call = this.http.newCall(http.build());
        try (AutoCloseable abort = cancellation.onCancel(call::cancel); Response response = call.execute()) {
            if (!response.isSuccessful()) {
                String text = response.body().string();
                ProviderException failure = classify(response.code(), text);
                Duration wait = retryAfter(response.header("Retry-After"));
                throw wait == null ? failure : new ProviderException(failure.code(), failure.getMessage(),
                        failure.statusCode(), failure.retryable(), wait);
            }
            return read(response.body().source(), listener, cancellation);
        } catch (ProviderException | CancelledException e) {
            throw e;
        } catch (IOException e) {
            if (cancellation.isCancelled()) {
                throw new CancelledException();
            }
            throw new ProviderException(ErrorCodes.PROVIDER_UNAVAILABLE,
                    "Connection to the provider failed: " + e.getMessage(), null, true);
        } catch (Exception e) {
            throw new ProviderException(ErrorCodes.PROVIDER_UNAVAILABLE, "Provider call failed: " + e, null, true);
        }
    }

    private ChatResult read(BufferedSource source, ChatListener listener, Cancellation cancellation)
            throws IOException, ProviderException, CancelledException {
        StringBuilder content = new StringBuilder();
        TreeMap<Integer, String[]> calls = new TreeMap<>();
        String finish = null;
        long input = 0;
        long output = 0;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (cancellation.isCancelled()) {
                throw new CancelledException();
            }
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                break;
            }
            if (data.isEmpty()) {
                continue;
            }
            JsonNode chunk;
            try {
                chunk = Json.mapper().readTree(data);
            } catch (JsonProcessingException e) {
                throw new ProviderException(ErrorCodes.PROVIDER_BAD_REQUEST, "Provider sent invalid JSON", null,
                        false);
            }
            if (chunk.has("error")) {
                throw streamError(chunk.get("error"));
            }
            JsonNode usage = chunk.path("usage");
            if (usage.isObject()) {
                input = usage.path("prompt_tokens").asLong(input);
                output = usage.path("completion_tokens").asLong(output);
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                String text = delta.path("content").asText("");
                if (!delta.path("content").isNull() && !text.isEmpty()) {
                    content.append(text);
                    listener.onText(text);
                }
                for (JsonNode tc : delta.path("tool_calls")) {
                    int index = tc.path("index").asInt(calls.size());
                    String[] call = calls.computeIfAbsent(index, i -> new String[] {null, "", ""});
                    if (tc.hasNonNull("id")) {
                        call[0] = tc.get("id").asText();
                    }
                    call[1] += tc.path("function").path("name").asText("");
                    call[2] += tc.path("function").path("arguments").asText("");
                }
                if (choice.hasNonNull("finish_reason")) {
                    finish = choice.get("finish_reason").asText();
                }
            }
        }
        if (cancellation.isCancelled()) {
            throw new CancelledException();
        }
        if (finish == null) {
            throw new ProviderException(ErrorCodes.PROVIDER_STREAM_INCOMPLETE,
                    "The provider's stream ended without a finish reason", null, false);
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        calls.forEach((index, c) -> toolCalls.add(new ToolCall(c[0] == null ? "call_" + index : c[0], c[1], c[2])));
        return new ChatResult(content.toString(), toolCalls, finish, input, output);
    }

    private static ObjectNode body(ChatRequest request) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            ObjectNode msg = messages.addObject();
            msg.put("role", m.role());
            msg.put("content", m.content());
            if (!m.toolCalls().isEmpty()) {
                ArrayNode calls = msg.putArray("tool_calls");
                for (ToolCall c : m.toolCalls()) {
                    ObjectNode call = calls.addObject();
                    call.put("id", c.id());
                    call.put("type", "function");
                    call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
                }
            }
            if (m.toolCallId() != null) {
                msg.put("tool_call_id", m.toolCallId());
            }
        }
        if (!request.tools().isEmpty()) {
            body.putArray("tools").addAll(request.tools());
        }
        return body;
    }

    /** Maps an HTTP failure to the contract's provider codes. */
    static ProviderException classify(int status, String body) {
        String message = errorMessage(body);
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 401 || status == 403) {
            return new ProviderException(ErrorCodes.PROVIDER_AUTH_FAILED,
                    "The provider rejected the API key (" + status + ")", status, false);
        }
        if (status == 429) {
            return new ProviderException(ErrorCodes.PROVIDER_RATE_LIMITED, "The provider is rate limiting (429)",
                    status, true);
        }
        if (lower.contains("context") && (lower.contains("length") || lower.contains("window")
                || lower.contains("too long") || lower.contains("maximum"))) {
            return new ProviderException(ErrorCodes.CONTEXT_OVERFLOW,
                    "The conversation is longer than the model's context window", status, false);
        }
        if (status >= 500) {
            return new ProviderException(ErrorCodes.PROVIDER_UNAVAILABLE,
                    "The provider failed (" + status + "): " + message, status, true);
        }
        return new ProviderException(ErrorCodes.PROVIDER_BAD_REQUEST,
                "The provider refused the request (" + status + "): " + message, status, false);
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is rare from model APIs and is ignored). */
    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ProviderException streamError(JsonNode error) {
        int status = error.path("code").canConvertToInt() ? error.path("code").asInt() : 500;
        return classify(status, Json.write(java.util.Map.of("error", error)));
    }

    private static String errorMessage(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            JsonNode msg = node.path("error").path("message");
            if (msg.isTextual()) {
                return msg.asText();
            }
            if (node.path("error").isTextual()) {
                return node.path("error").asText();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not JSON: fall through to the raw text
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }
}
