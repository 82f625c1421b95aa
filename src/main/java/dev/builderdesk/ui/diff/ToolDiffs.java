package dev.builderdesk.ui.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The diff a file-changing tool call carries or implies: the patch text of {@code coding_agent_apply_patch}, or for
 * {@code coding_agent_write_file} (which carries the whole new content) a unified diff computed against the old
 * content, made the way the server's revision diffs are (java-diff-utils, 3 lines of context). Pure.
 */
public final class ToolDiffs {
    /** Lines of context around each change, as in the server's revision diffs. */
    public static final int CONTEXT = 3;

    private ToolDiffs() {
    }

    /**
     * A unified diff from {@code oldContent} to {@code newContent} of the file at {@code path}. A null
     * {@code oldContent} (not known, or the file is new) shows the whole file as added ({@code --- /dev/null});
     * equal contents give "".
     */
    public static String unified(String path, String oldContent, String newContent) {
        List<String> before = oldContent == null ? List.of() : lines(oldContent);
        List<String> after = lines(newContent == null ? "" : newContent);
        Patch<String> patch = DiffUtils.diff(before, after);
        String from = oldContent == null ? "/dev/null" : "a/" + path;
        String to = newContent == null ? "/dev/null" : "b/" + path;
        List<String> text = UnifiedDiffUtils.generateUnifiedDiff(from, to, before, patch, CONTEXT);
        return text.isEmpty() ? "" : String.join("\n", text) + "\n";
    }

    /** {@link #unified} parsed: the file's one entry of the diff, or a file with no hunks when nothing changed. */
    public static UnifiedDiff.File writeFile(String path, String oldContent, String newContent) {
        List<UnifiedDiff.File> files = UnifiedDiff.parse(unified(path, oldContent, newContent)).files();
        return files.isEmpty() ? new UnifiedDiff.File(path, path, List.of(), false) : files.get(0);
    }

    /**
     * The diff of a tool call from its input: the {@code patch} of an apply-patch call (or one of its aliases), the
     * content of a write-file call against {@code oldContent} (null when not known). Empty for other tools and for
     * inputs without what is needed.
     */
    public static Optional<UnifiedDiff> ofToolCall(String tool, JsonNode input, String oldContent) {
        if (input == null || tool == null) {
            return Optional.empty();
        }
        JsonNode args = flatten(input);
        switch (tool) {
            case "coding_agent_apply_patch" -> {
                String patch = first(args, "patch", "diff", "unified_diff", "unifiedDiff", "patch_text");
                UnifiedDiff diff = UnifiedDiff.parse(patch);
                return diff.files().isEmpty() ? Optional.empty() : Optional.of(diff);
            }
            case "coding_agent_write_file" -> {
                String path = first(args, "path", "file_path", "filePath", "filepath", "file", "filename");
                String content = first(args, "content", "contents", "text", "body", "code", "file_content",
                        "new_content");
                if (path == null || content == null) {
                    return Optional.empty();
                }
                return Optional.of(new UnifiedDiff(List.of(writeFile(path, oldContent, content))));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** The tool pipeline merges wrapper objects ({@code args}, {@code input}, ...) into the top level. */
    private static JsonNode flatten(JsonNode input) {
        for (String key : List.of("args", "input", "parameters", "payload", "data", "arguments", "value")) {
            JsonNode inner = input.get(key);
            if (inner != null && inner.isObject()) {
                return inner;
            }
        }
        return input;
    }

    private static String first(JsonNode args, String... keys) {
        for (String key : keys) {
            JsonNode v = args.get(key);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        return null;
    }

    /** The file's lines without their line ends; a final newline does not start another line. */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.replace("\r\n", "\n").split("\n", -1);
        int count = text.endsWith("\n") ? parts.length - 1 : parts.length;
        return Arrays.asList(parts).subList(0, count);
    }
}
