package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tool call's arguments after the pipeline: canonical names, required fields present, paths normalised. */
public final class ToolArgs {
    private final ObjectNode values;

    ToolArgs(ObjectNode values) {
        this.values = values;
    }

    public String string(String name) {
        return values.path(name).asText();
    }

    public String stringOr(String name, String fallback) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    /** An integer argument clamped to its documented range. */
    public int integer(String name, int fallback, int min, int max) {
        JsonNode v = values.get(name);
        int value = v == null || !v.canConvertToInt() ? fallback : v.asInt();
        return Math.max(min, Math.min(max, value));
    }

    public boolean bool(String name, boolean fallback) {
        JsonNode v = values.get(name);
        return v == null || !v.isBoolean() ? fallback : v.asBoolean();
    }

    /** A raw argument (a missing node when absent). */
    public JsonNode node(String name) {
        return values.path(name);
    }

    public boolean has(String name) {
        JsonNode v = values.get(name);
        return v != null && !v.isNull();
    }
}
