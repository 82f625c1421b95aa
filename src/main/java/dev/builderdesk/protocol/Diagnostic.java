package dev.builderdesk.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One diagnostic of a {@code tool.failed} or {@code run.failed} event. Only {@code message} is always present;
 * absent fields are omitted from the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Diagnostic(
        String message,
        String code,
        String field,
        List<String> fields,
        Integer patchFailureCount,
        RefreshWindow recommendedRefresh,
        String patchCode) {

    /** A diagnostic with a message and a code only. */
    public static Diagnostic of(String message, String code) {
        return new Diagnostic(message, code, null, null, null, null, null);
    }

    /** Lines of a file the model should read again before retrying a patch. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RefreshWindow(String path, int startLine, int endLine) {
    }
}
