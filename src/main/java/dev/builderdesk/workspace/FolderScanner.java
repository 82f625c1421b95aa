package dev.builderdesk.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a folder into a {@link FileSet}: regular files only (symbolic links are never followed, so a link cannot
 * pull outside content into a revision), blocked folders skipped, and our own temporary files ignored.
 */
public final class FolderScanner {
    /** Suffix of the temporary files {@link FolderWriter} moves into place. */
    static final String TEMP_SUFFIX = ".bd-tmp";

    private FolderScanner() {
    }

    public static FileSet scan(Path root) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return FileSet.empty();
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(root, dir);
                return WorkspaceRules.blockedDirectory(rel).isPresent() || attrs.isSymbolicLink()
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !Files.isSymbolicLink(file)
                        && !file.getFileName().toString().endsWith(TEMP_SUFFIX)) {
                    files.put(relative(root, file), Files.readAllBytes(file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return FileSet.of(files);
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
