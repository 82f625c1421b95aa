package dev.builderdesk.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer of the run API: an HTTP status and the {@code detail} of the body — a string, a coded object
 * ({@code {code, field?, message, ...}}) or the FastAPI-style list of validation issues.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final transient Object detail;

    public ApiError(int status, Object detail) {
        super(detail.toString(), null, false, false);
        this.status = status;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, message);
    }

    /** A coded error: {@code {"code", "field"?, "message", ...extra}}. */
    public static ApiError coded(int status, String code, String field, String message, Map<String, Object> extra) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", code);
        if (field != null) {
            detail.put("field", field);
        }
        detail.put("message", message);
        detail.putAll(extra);
        return new ApiError(status, detail);
    }

    /** 422 with FastAPI's list of issues. */
    public static ApiError validation(List<ValidationIssue> issues) {
        return new ApiError(422, List.copyOf(issues));
    }

    /** One request-shape problem: where ({@code ["body","input"]}), what, and a machine-readable type. */
    public record ValidationIssue(List<Object> loc, String msg, String type) {
    }
}
