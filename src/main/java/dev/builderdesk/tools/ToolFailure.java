package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;

/** A coded tool failure; it becomes the {@code {ok:false, error, code, ...}} envelope the model reads. */
public final class ToolFailure extends Exception {
    private final String code;
    private final transient ObjectNode extra;

    public ToolFailure(String code, String message) {
        this(code, message, Json.object());
    }

    public ToolFailure(String code, String message, ObjectNode extra) {
        super(message, null, false, false);
        this.code = code;
        this.extra = extra;
    }

    /** A policy violation naming the offending field. */
    public static ToolFailure policy(String message, String field) {
        ObjectNode extra = Json.object();
        extra.put("field", field);
        return new ToolFailure(dev.builderdesk.protocol.ErrorCodes.POLICY_VIOLATION, message, extra);
    }

    public String code() {
        return code;
    }

    /** Extra envelope fields, for failures that add more after they are made. */
    ObjectNode extra() {
        return extra;
    }

    ObjectNode toEnvelope() {
        ObjectNode out = Json.object();
        out.put("ok", false);
        out.put("error", getMessage());
        out.put("code", code);
        out.setAll(extra);
        return out;
    }
}
