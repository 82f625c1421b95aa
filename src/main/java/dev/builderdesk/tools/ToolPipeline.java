package dev.builderdesk.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a tool call through the pipeline of CONTRACT.md §6: flatten wrappers → aliases → required fields and types →
 * path policy → execute. Every outcome is an envelope; nothing a model sends makes it throw.
 */
public final class ToolPipeline {
    private static final List<String> WRAPPERS = List.of("args", "input", "parameters", "payload", "data",
            "arguments", "value");
    private static final Map<String, List<String>> ALIASES = Map.of(
            "path", List.of("file_path", "filePath", "filepath", "file_name", "fileName", "filename", "file",
                    "target_path", "targetPath", "target_file", "targetFile", "relative_path", "relativePath",
                    "pathname"),
            "from_path", List.of("fromPath", "source_path", "sourcePath", "old_path", "oldPath", "from", "source"),
            "to_path", List.of("toPath", "destination_path", "destinationPath", "dest_path", "destPath", "new_path",
                    "newPath", "to", "destination"),
            "content", List.of("contents", "text", "body", "code", "source", "file_content", "fileContent",
                    "new_content", "newContent"),
            "patch", List.of("diff", "unified_diff", "unifiedDiff", "patch_text", "patchText"));
    private static final Set<String> PATH_FIELDS = Set.of("path", "from_path", "to_path");

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final PathPolicy policy;

    public ToolPipeline(List<Tool> tools, PathPolicy policy) {
        tools.forEach(t -> this.tools.put(t.spec().name(), t));
        this.policy = policy;
    }

    /** The specs offered to the model. */
    public List<ToolSpec> specs() {
        return tools.values().stream().map(Tool::spec).toList();
    }

    /** Executes one call; {@code rawArguments} is the JSON text the model produced. */
    public ToolOutput execute(String name, String rawArguments, Sandbox sandbox) {
        Tool tool = tools.get(name);
        if (tool == null) {
            return new ToolOutput(new ToolFailure(ErrorCodes.TOOL_NOT_FOUND, "Unknown tool: " + name).toEnvelope());
        }
        try {
            ObjectNode args = flatten(parse(rawArguments));
            applyAliases(tool.spec(), args);
            validate(tool.spec(), args);
            for (String field : PATH_FIELDS) {
                if (tool.spec().params().containsKey(field) && args.hasNonNull(field)) {
                    args.put(field, policy.check(args.get(field).asText(), field));
                }
            }
            ObjectNode out = Json.object();
            out.put("ok", true);
            out.setAll(tool.run(new ToolArgs(args), sandbox));
            return new ToolOutput(out);
        } catch (ToolFailure failure) {
            return new ToolOutput(failure.toEnvelope());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? "Tool execution failed" : e.getMessage();
            return new ToolOutput(new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, message).toEnvelope());
        }
    }

    private static ObjectNode parse(String raw) throws ToolFailure {
        if (raw == null || raw.isBlank()) {
            return Json.object();
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            throw validation("Tool arguments are not valid JSON", List.of(), List.of());
        }
        if (node != null && node.isTextual()) {
            try {
                node = Json.mapper().readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw validation("Tool arguments are not valid JSON", List.of(), List.of());
            }
        }
        if (node == null || !node.isObject()) {
            throw validation("Tool arguments must be a JSON object", List.of(), List.of());
        }
        return (ObjectNode) node;
    }

    /** Merges wrapper objects (or JSON strings of objects) into the top level, in the documented key order. */
    private static ObjectNode flatten(ObjectNode args) {
        for (String wrapper : WRAPPERS) {
            JsonNode value = args.get(wrapper);
            ObjectNode inner = null;
            if (value != null && value.isObject()) {
                inner = (ObjectNode) value;
            } else if (value != null && value.isTextual() && value.asText().strip().startsWith("{")) {
                try {
                    JsonNode parsed = Json.mapper().readTree(value.asText());
                    inner = parsed.isObject() ? (ObjectNode) parsed : null;
                } catch (JsonProcessingException e) {
                    inner = null;
                }
            }
            if (inner != null) {
                args.remove(wrapper);
                args.setAll(inner);
            }
        }
        return args;
    }

    private static void applyAliases(ToolSpec spec, ObjectNode args) {
        for (var entry : ALIASES.entrySet()) {
            String canonical = entry.getKey();
            if (!spec.params().containsKey(canonical) || isNonBlankString(args.get(canonical))) {
                continue;
            }
            for (String alias : entry.getValue()) {
                if (isNonBlankString(args.get(alias))) {
                    args.set(canonical, args.get(alias));
                    break;
                }
            }
        }
    }

    private static void validate(ToolSpec spec, ObjectNode args) throws ToolFailure {
        Set<String> missing = new TreeSet<>();
        for (String field : spec.required()) {
            JsonNode v = args.get(field);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw validation("Missing required fields: " + String.join(", ", missing), List.copyOf(missing),
                    receivedKeys(args));
        }
        List<String> wrong = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (var p : spec.params().entrySet()) {
            JsonNode v = args.get(p.getKey());
            if (v != null && !v.isNull() && !hasType(v, p.getValue().type())) {
                wrong.add(p.getKey());
                described.add(p.getKey() + " (expected " + p.getValue().type() + ")");
            }
        }
        if (!wrong.isEmpty()) {
            throw validation("Invalid field types: " + String.join(", ", described), wrong, receivedKeys(args));
        }
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "boolean" -> v.isBoolean();
            case "object" -> v.isObject();
            default -> true;
        };
    }

    private static boolean isNonBlankString(JsonNode v) {
        return v != null && v.isTextual() && !v.asText().isBlank();
    }

    private static List<String> receivedKeys(ObjectNode args) {
        Set<String> keys = new TreeSet<>();
        Iterator<String> names = args.fieldNames();
        names.forEachRemaining(keys::add);
        return List.copyOf(keys);
    }

    private static ToolFailure validation(String message, List<String> fields, List<String> receivedKeys) {
        ObjectNode extra = Json.object();
        ArrayNode f = extra.putArray("fields");
        fields.forEach(f::add);
        ArrayNode r = extra.putArray("received_keys");
        receivedKeys.forEach(r::add);
        return new ToolFailure(ErrorCodes.TOOL_INPUT_VALIDATION_FAILED, message, extra);
    }
}
