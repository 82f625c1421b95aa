package dev.builderdesk.workspace;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What belongs to an app's workspace (CONTRACT.md §6): blocked top-level folders (build output, dependencies,
 * caches) are never part of a revision, and the agent may only touch files with allowed extensions and sizes.
 */
public final class WorkspaceRules {
    public static final Set<String> BLOCKED_DIRECTORIES = Set.of("node_modules", ".git", ".next", "dist", "build",
            "coverage", "__pycache__", ".vite", ".turbo", ".cache", ".parcel-cache", ".npm", ".pnpm-store", ".yarn");

    public static final Set<String> DEFAULT_EXTENSIONS = Set.of(".html", ".ts", ".tsx", ".mts", ".cts", ".js",
            ".jsx", ".mjs", ".cjs", ".css", ".json", ".yaml", ".yml", ".lock", ".md", ".txt", ".svg", ".ico", ".png",
            ".jpg", ".jpeg", ".gif", ".webp");

    public static final long MAX_FILE_BYTES = 256 * 1024;
    public static final long MAX_LOCK_FILE_BYTES = 2 * 1024 * 1024;

    private WorkspaceRules() {
    }

    /** The blocked folder a relative path starts with, if any. */
    public static Optional<String> blockedDirectory(String relativePath) {
        int slash = relativePath.indexOf('/');
        String first = slash < 0 ? relativePath : relativePath.substring(0, slash);
        return BLOCKED_DIRECTORIES.contains(first) ? Optional.of(first) : Optional.empty();
    }

    /** The lower-cased extension with its dot, or empty when the file name has none. */
    public static Optional<String> extension(String relativePath) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? Optional.empty() : Optional.of(name.substring(dot).toLowerCase(Locale.ROOT));
    }

    /** The size limit of a file: lock files may be larger. */
    public static long maxBytes(String relativePath) {
        return relativePath.endsWith(".lock") || relativePath.endsWith("package-lock.json")
                ? MAX_LOCK_FILE_BYTES : MAX_FILE_BYTES;
    }
}
