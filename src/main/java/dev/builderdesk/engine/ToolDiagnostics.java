package dev.builderdesk.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** Builds the one diagnostic of a {@code tool.failed} event from the tool's output (CONTRACT.md §5). */
public final class ToolDiagnostics {
    private ToolDiagnostics() {
    }

    public static Diagnostic from(JsonNode output) {
        String message = output.path("error").asText("Tool failed");
        String code = text(output, "code");
        String field = text(output, "field");
        List<String> fields = null;
        if (output.path("fields").isArray()) {
            fields = new ArrayList<>();
            for (JsonNode f : output.get("fields")) {
                fields.add(f.asText());
            }
        }
        Integer failureCount = null;
        Diagnostic.RefreshWindow refresh = null;
        JsonNode failures = output.path("failures");
        if (failures.isArray() && !failures.isEmpty()) {
            failureCount = failures.size();
            JsonNode first = failures.get(0);
            JsonNode window = first.path("recommended_refresh");
            if (window.isObject()) {
                refresh = new Diagnostic.RefreshWindow(first.path("path").asText(null),
                        window.path("start_line").asInt(), window.path("end_line").asInt());
            }
        }
        String patchCode = output.path("result").isObject() ? text(output.get("result"), "code") : null;
        return new Diagnostic(message, code, field, fields, failureCount, refresh, patchCode);
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
