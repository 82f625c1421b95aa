package dev.builderdesk.tools;

import dev.builderdesk.workspace.WorkspaceRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The path rules of CONTRACT.md §6 step 4, applied to every path argument before a tool touches the disk. The
 * symlink rule needs the file system and lives in {@link Sandbox}.
 */
public final class PathPolicy {
    static final int MAX_DEPTH = 32;
    static final int MAX_LENGTH = 1024;
    /**
     * Under the file system's 255 bytes a name by the suffix of the temporary file a write goes through
     * ({@code .<nanos>.bd-tmp}, up to 27 bytes): a name the bound allows can always be written.
     */
    static final int MAX_NAME_BYTES = 200;

    private final Set<String> allowedExtensions;

    public PathPolicy(Set<String> allowedExtensions) {
        this.allowedExtensions = Set.copyOf(allowedExtensions);
    }

    /** The normalised relative path, or the policy failure that names {@code field}. */
    public String check(String raw, String field) throws ToolFailure {
        String path = normalise(raw, field);
        var blocked = WorkspaceRules.blockedDirectory(path);
        if (blocked.isPresent()) {
            throw ToolFailure.policy("File path is blocked by policy: " + blocked.get() + "/", field);
        }
        var extension = WorkspaceRules.extension(path);
        if (extension.isEmpty() || !allowedExtensions.contains(extension.get())) {
            throw ToolFailure.policy("Unsupported file extension: " + extension.orElse("(none)"), field);
        }
        return path;
    }

    /** Backslashes to slashes, no absolute paths, no {@code ..}, no empty or {@code .} segments. */
    static String normalise(String raw, String field) throws ToolFailure {
        String path = raw.replace('\\', '/').strip();
        if (path.isEmpty()) {
            throw ToolFailure.policy("File path is required", field);
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw ToolFailure.policy("Absolute paths are not allowed", field);
        }
        if (path.indexOf('\0') >= 0 || path.chars().anyMatch(ch -> ch < 0x20)) {
            throw ToolFailure.policy("File path contains control characters", field);
        }
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw ToolFailure.policy("Path traversal is not allowed", field);
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        if (kept.isEmpty()) {
            throw ToolFailure.policy("File path is required", field);
        }
        for (String segment : kept) {
            // Bytes, not characters: a name of accented or CJK letters takes 2-3 bytes a letter on the disk.
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw ToolFailure.policy("File name is too long (at most " + MAX_NAME_BYTES + " bytes)", field);
            }
        }
        // A web app's deepest files sit a dozen folders down; a model in a loop can make a 1,500-level tree that
        // no tool, editor or archive of the app then handles.
        if (kept.size() > MAX_DEPTH) {
            throw ToolFailure.policy("File path is too deep (at most " + MAX_DEPTH + " folders and a file)", field);
        }
        String joined = String.join("/", kept);
        if (joined.length() > MAX_LENGTH) {
            throw ToolFailure.policy("File path is too long (at most " + MAX_LENGTH + " characters)", field);
        }
        return joined;
    }
}
