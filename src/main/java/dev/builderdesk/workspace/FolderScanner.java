package dev.builderdesk.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a folder into a {@link FileSet} under {@link ScanRules}: regular files only (symbolic links are never
 * followed, so a link cannot pull outside content into a revision), blocked folders, excluded paths and files the
 * tools could not edit skipped, our own temporary files ignored. The folder is first walked without opening any
 * file, and only once it is known to be within the bounds are the files read.
 */
public final class FolderScanner {
    /** Suffix of the temporary files {@link FolderWriter} moves into place. */
    static final String TEMP_SUFFIX = ".bd-tmp";
    /** Entries (files and folders, kept or not) looked at per allowed file before the walk gives up. */
    private static final int ENTRIES_PER_FILE = 20;

    private FolderScanner() {
    }

    /** Reads a folder with the sandbox rules (no bounds, no exclusions). */
    public static FileSet scan(Path root) throws IOException {
        return scan(root, ScanRules.sandbox());
    }

    /**
     * Reads a folder.
     *
     * @throws AppFolderException of kind {@code TOO_LARGE}, before any file is opened, past the rules' bounds
     */
    public static FileSet scan(Path root, ScanRules rules) throws IOException {
        return FileSet.of(read(root, rules));
    }

    /**
     * Reads a folder with the sandbox rules, hashing only the files whose bytes differ from {@code like}'s (a run's
     * sandbox, read against the revision it was made from, is mostly unchanged).
     */
    public static FileSet scanLike(Path root, FileSet like) throws IOException {
        return FileSet.ofLike(read(root, ScanRules.sandbox()), like);
    }

    private static Map<String, byte[]> read(Path root, ScanRules rules) throws IOException {
        if (!Files.isDirectory(root)) {
            return Map.of();
        }
        Path realRoot = root.toRealPath();
        if (rules.excludes(realRoot)) {
            return Map.of();
        }
        Map<String, Path> found = new TreeMap<>();
        long maxEntries = (long) rules.maxFiles() * ENTRIES_PER_FILE;
        Files.walkFileTree(realRoot, new SimpleFileVisitor<>() {
            private long bytes;
            private long entries;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(realRoot)) {
                    return FileVisitResult.CONTINUE;
                }
                count();
                String rel = relative(realRoot, dir);
                return WorkspaceRules.blockedDirectory(rel).isPresent() || attrs.isSymbolicLink()
                        || rules.excludes(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                count();
                String rel = relative(realRoot, file);
                if (!attrs.isRegularFile() || attrs.isSymbolicLink() || rel.endsWith(TEMP_SUFFIX)
                        || !rules.accepts(rel) || rules.excludes(file)) {
                    return FileVisitResult.CONTINUE;
                }
                found.put(rel, file);
                bytes += attrs.size();
                if (found.size() > rules.maxFiles()) {
                    throw tooLarge("more than " + rules.maxFiles() + " files");
                }
                if (bytes > rules.maxBytes()) {
                    throw tooLarge("more than " + mebibytes(rules.maxBytes()) + " in files");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }

            private void count() {
                if (++entries > maxEntries) {
                    throw tooLarge("more than " + maxEntries + " files and folders to look through");
                }
            }
        });
        Map<String, byte[]> files = new HashMap<>();
        for (Map.Entry<String, Path> e : found.entrySet()) {
            try {
                files.put(e.getKey(), Files.readAllBytes(e.getValue()));
            } catch (NoSuchFileException gone) {
                // Deleted since the walk: not part of the folder any more.
            }
        }
        return files;
    }

    private static AppFolderException tooLarge(String what) {
        return new AppFolderException(AppFolderException.Kind.TOO_LARGE, "The folder is too large to open as an app: "
                + what + " of the kinds an app holds (blocked folders such as node_modules and .git, and files the"
                + " agent cannot edit, are not counted). Choose the app's own folder.", null);
    }

    private static String mebibytes(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    static boolean isInside(Path root, Path candidate) throws IOException {
        Path realRoot = root.toRealPath();
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        return existing != null && existing.toRealPath().startsWith(realRoot);
    }
}
