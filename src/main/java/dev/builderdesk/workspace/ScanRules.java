package dev.builderdesk.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * What a folder scan reads (ADR 0011): files with an extension the tools accept, outside the blocked folders and
 * outside {@code excluded} (the data folder, whose database and lock files must never be opened by this process),
 * and at most {@code maxFiles} files and {@code maxBytes} bytes of them, so opening a home folder stops with a
 * message instead of reading it whole.
 *
 * @param excluded   folders and files never entered nor opened, by real path
 * @param extensions the lower-cased extensions (with their dot) a revision may hold
 */
public record ScanRules(Set<Path> excluded, Set<String> extensions, int maxFiles, long maxBytes) {
    /** At most this many files in an app folder. */
    public static final int MAX_FILES = 5_000;
    /** At most this many bytes in an app folder's files. */
    public static final long MAX_BYTES = 64L << 20;

    public ScanRules {
        excluded = Set.copyOf(excluded);
        extensions = Set.copyOf(extensions);
    }

    /** App folders: the default extensions, the default bounds, {@code excluded} skipped. */
    public static ScanRules appFolders(Set<Path> excluded) {
        return new ScanRules(realPaths(excluded), WorkspaceRules.DEFAULT_EXTENSIONS, MAX_FILES, MAX_BYTES);
    }

    /** A run's sandbox: the same file rules as app folders, no bound (it grew from a bounded revision). */
    public static ScanRules sandbox() {
        return new ScanRules(Set.of(), WorkspaceRules.DEFAULT_EXTENSIONS, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /** The same rules with other bounds. */
    public ScanRules bounded(int files, long bytes) {
        return new ScanRules(excluded, extensions, files, bytes);
    }

    /** True when a file at this relative path belongs in a revision (extension and blocked folders). */
    public boolean accepts(String relativePath) {
        return WorkspaceRules.blockedDirectory(relativePath).isEmpty()
                && WorkspaceRules.extension(relativePath).map(extensions::contains).orElse(false);
    }

    /** True when {@code path} (a real path) is excluded or inside an excluded folder. */
    public boolean excludes(Path path) {
        for (Path p : excluded) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Path> realPaths(Set<Path> paths) {
        Set<Path> real = new HashSet<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            real.add(abs);
            try {
                if (Files.exists(abs)) {
                    real.add(abs.toRealPath());
                }
            } catch (IOException e) {
                // The normalised path alone then.
            }
        }
        return real;
    }
}
