package dev.builderdesk.engine.opencode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.engine.EventSink;
import dev.builderdesk.engine.ToolDiagnostics;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one OpenCode session's {@code /event} stream into our events: text deltas of assistant messages, tool
 * parts as started / completed / failed, step-finish tokens as usage, retry status as {@code provider.retry}.
 * It also watches for the ends of a turn: idle, the unknown-finish loop (OpenCode retries a stream that ended
 * without a finish reason forever), retries beyond our limit, and the step budget. Pure state, no I/O.
 */
final class OpenCodeEventMapper {
    /** Consecutive empty steps with finish "unknown" after which the turn is stopped. */
    static final int UNKNOWN_FINISH_LIMIT = 3;

    /** What the engine should do after an event. */
    enum Signal { CONTINUE, IDLE, UNKNOWN_FINISH_LOOP, RETRIES_EXHAUSTED, BUDGET_REACHED }

    /** A failure OpenCode reported, classified into our codes. */
    record Failure(String code, String message) {
    }

    private final String sessionId;
    private final EventSink sink;
    private final int maxAttempts;
    private final int maxSteps;
    private final Set<String> assistantMessages = new HashSet<>();
    private final Map<String, String> deliveredText = new HashMap<>();
    private final Set<String> startedTools = new HashSet<>();
    private final Set<String> finishedTools = new HashSet<>();
    private long inputTokens;
    private long outputTokens;
    private int steps;
    private int unknownFinishes;
    private String lastText = "";
    private Failure failure;
    private Failure lastRetry;

    OpenCodeEventMapper(String sessionId, EventSink sink, int maxAttempts, int maxSteps) {
        this.sessionId = sessionId;
        this.sink = sink;
        this.maxAttempts = maxAttempts;
        this.maxSteps = maxSteps;
    }

    Signal accept(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode p = event.path("properties");
        if (!ours(p)) {
            return Signal.CONTINUE;
        }
        return switch (type) {
            case "message.updated" -> messageUpdated(p.path("info"));
            case "message.part.delta" -> delta(p);
            case "message.part.updated" -> part(p.path("part"));
            case "session.status" -> status(p.path("status"));
            case "session.error" -> {
                record(p.path("error"));
                yield Signal.CONTINUE;
            }
            case "session.idle" -> Signal.IDLE;
            default -> Signal.CONTINUE;
        };
    }

    Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** The last retry OpenCode announced, for a "gave up" message. */
    Optional<Failure> lastRetry() {
        return Optional.ofNullable(lastRetry);
    }

    String lastText() {
        return lastText;
    }

    int steps() {
        return steps;
    }

    private boolean ours(JsonNode p) {
        String id = p.path("sessionID").asText(p.path("info").path("sessionID").asText(
                p.path("part").path("sessionID").asText("")));
        return id.isEmpty() || id.equals(sessionId);
    }

    private Signal messageUpdated(JsonNode info) {
        if ("assistant".equals(info.path("role").asText())) {
            assistantMessages.add(info.path("id").asText());
            if (info.path("error").isObject()) {
                record(info.path("error"));
            }
        }
        return Signal.CONTINUE;
    }

    private Signal delta(JsonNode p) {
        if (!"text".equals(p.path("field").asText()) || !assistantMessages.contains(p.path("messageID").asText())) {
            return Signal.CONTINUE;
        }
        String delta = p.path("delta").asText("");
        if (!delta.isEmpty()) {
            deliveredText.merge(p.path("partID").asText(), delta, String::concat);
            sink.emit(new EventPayload.AssistantDelta(delta));
        }
        return Signal.CONTINUE;
    }

    private Signal part(JsonNode part) {
        switch (part.path("type").asText()) {
            case "text" -> text(part);
            case "tool" -> tool(part);
            case "step-finish" -> {
                return stepFinished(part);
            }
            default -> {
            }
        }
        return Signal.CONTINUE;
    }

    /** A full snapshot of a text part: emit whatever the deltas did not deliver. */
    private void text(JsonNode part) {
        if (!assistantMessages.contains(part.path("messageID").asText())) {
            return;
        }
        String full = part.path("text").asText("");
        String delivered = deliveredText.getOrDefault(part.path("id").asText(), "");
        if (full.length() > delivered.length() && full.startsWith(delivered)) {
            sink.emit(new EventPayload.AssistantDelta(full.substring(delivered.length())));
            deliveredText.put(part.path("id").asText(), full);
        }
        if (!full.isBlank()) {
            lastText = full;
        }
    }

    private void tool(JsonNode part) {
        String callId = part.path("callID").asText(part.path("id").asText());
        JsonNode state = part.path("state");
        String status = state.path("status").asText();
        if (status.equals("pending") || finishedTools.contains(callId)) {
            return;
        }
        String tool = part.path("tool").asText();
        if (startedTools.add(callId)) {
            sink.emit(new EventPayload.ToolStarted(tool, callId, state.path("input")));
        }
        long duration = state.path("time").path("end").asLong(0) - state.path("time").path("start").asLong(0);
        if (status.equals("completed")) {
            finishedTools.add(callId);
            ObjectNode output = Json.object().put("ok", true);
            output.set("output", state.path("output"));
            output.put("title", state.path("title").asText(""));
            sink.emit(new EventPayload.ToolCompleted(tool, callId, output,
                    Math.max(0, duration)));
        } else if (status.equals("error")) {
            finishedTools.add(callId);
            ObjectNode output = Json.object().put("ok", false);
            output.put("error", state.path("error").asText("Tool failed"));
            output.put("code", ErrorCodes.TOOL_EXECUTION_FAILED);
            output.set("input", state.path("input"));
            sink.emit(new EventPayload.ToolFailed(tool, callId, output, Math.max(0,
                    duration)), List.of(ToolDiagnostics.from(output)));
        }
    }

    private Signal stepFinished(JsonNode part) {
        JsonNode tokens = part.path("tokens");
        long output = tokens.path("output").asLong(0);
        inputTokens += tokens.path("input").asLong(0);
        outputTokens += output;
        steps++;
        sink.emit(new EventPayload.UsageUpdated(inputTokens, outputTokens, steps));
        String reason = part.path("reason").asText("");
        unknownFinishes = reason.equals("unknown") && output == 0 ? unknownFinishes + 1 : 0;
        if (unknownFinishes >= UNKNOWN_FINISH_LIMIT) {
            return Signal.UNKNOWN_FINISH_LOOP;
        }
        if (steps >= maxSteps && !reason.equals("stop")) {
            return Signal.BUDGET_REACHED;
        }
        return Signal.CONTINUE;
    }

    private Signal status(JsonNode status) {
        if (!"retry".equals(status.path("type").asText())) {
            return Signal.CONTINUE;
        }
        int next = status.path("attempt").asInt(1) + 1;
        String message = status.path("message").asText("The provider failed");
        lastRetry = new Failure(ErrorCodes.PROVIDER_UNAVAILABLE, message);
        if (next > maxAttempts) {
            return Signal.RETRIES_EXHAUSTED;
        }
        Instant at = status.has("next") ? Instant.ofEpochMilli(status.path("next").asLong()) : Instant.now();
        sink.emit(new EventPayload.ProviderRetry(next, maxAttempts, at, message, null));
        return Signal.CONTINUE;
    }

    private void record(JsonNode error) {
        Failure f = classify(error);
        if (f != null && failure == null) {
            failure = f;
        }
    }

    /** OpenCode's error objects in our codes; null for an abort, which is not a failure of the run. */
    static Failure classify(JsonNode error) {
        String name = error.path("name").asText("UnknownError");
        JsonNode data = error.path("data");
        String message = data.path("message").asText(name);
        int status = data.path("statusCode").asInt(0);
        String lower = message.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "MessageAbortedError" -> null;
            case "ProviderAuthError" -> new Failure(ErrorCodes.PROVIDER_AUTH_FAILED, message);
            case "ContextOverflowError" -> new Failure(ErrorCodes.CONTEXT_OVERFLOW, message);
            case "APIError" -> {
                if (status == 401 || status == 403) {
                    yield new Failure(ErrorCodes.PROVIDER_AUTH_FAILED,
                            "The provider rejected the API key (" + status + ")");
                } else if (status == 429) {
                    yield new Failure(ErrorCodes.PROVIDER_RATE_LIMITED, message);
                } else if (lower.contains("context") && (lower.contains("length") || lower.contains("window"))) {
                    yield new Failure(ErrorCodes.CONTEXT_OVERFLOW, message);
                } else if (status >= 400 && status < 500) {
                    yield new Failure(ErrorCodes.PROVIDER_BAD_REQUEST, message);
                }
                yield new Failure(ErrorCodes.PROVIDER_UNAVAILABLE, message);
            }
            default -> new Failure(ErrorCodes.ENGINE_FAILED, "OpenCode: " + message);
        };
    }
}
