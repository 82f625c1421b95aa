package dev.builderdesk.workspace;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes a folder hold exactly a target {@link FileSet} (outside the blocked folders), never leaving a half-written
 * file: every new content is first written to a temporary file beside its target, all of them before any is moved,
 * and each then replaces its target with one atomic rename. A crash leaves each file either old or new.
 */
public final class FolderWriter {
    private FolderWriter() {
    }

    /** Writes the changes from {@code current} (what the folder holds now) to {@code target}. */
    public static void apply(Path root, FileSet current, FileSet target) throws IOException {
        Files.createDirectories(root);
        List<Path[]> moves = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> e : target.contents().entrySet()) {
                String path = e.getKey();
                if (target.hashes().get(path).equals(current.hashes().get(path))) {
                    continue;
                }
                Path destination = safeResolve(root, path);
                Files.createDirectories(destination.getParent());
                Path temp = destination.resolveSibling(destination.getFileName() + "." + System.nanoTime()
                        + FolderScanner.TEMP_SUFFIX);
                Files.write(temp, e.getValue());
                moves.add(new Path[] {temp, destination});
            }
        } catch (IOException | RuntimeException e) {
            for (Path[] move : moves) {
                Files.deleteIfExists(move[0]);
            }
            throw e;
        }
        for (Path[] move : moves) {
            moveAtomically(move[0], move[1]);
        }
        for (String path : current.contents().keySet()) {
            if (!target.contents().containsKey(path)) {
                Path gone = safeResolve(root, path);
                Files.deleteIfExists(gone);
                removeEmptyParents(root, gone.getParent());
            }
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Resolves a relative path and refuses anything that would land outside the root (links included). */
    static Path safeResolve(Path root, String relativePath) throws IOException {
        Path resolved = root.resolve(relativePath).normalize();
        if (!resolved.startsWith(root.normalize()) || !FolderScanner.isInside(root, resolved)) {
            throw new IOException("Path escapes the workspace: " + relativePath);
        }
        if (Files.isSymbolicLink(resolved)) {
            throw new IOException("Refusing to write through a symbolic link: " + relativePath);
        }
        return resolved;
    }

    private static void removeEmptyParents(Path root, Path dir) throws IOException {
        Path current = dir;
        while (current != null && !current.equals(root) && current.startsWith(root)
                && Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
            try (var entries = Files.list(current)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(current);
            current = current.getParent();
        }
    }
}
