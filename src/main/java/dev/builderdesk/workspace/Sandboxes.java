package dev.builderdesk.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One private working folder per run under the data folder, materialised from the run's base revision. A sandbox
 * is first written beside its final name and then renamed, so a half-materialised sandbox is never used.
 */
public final class Sandboxes {
    private final Path root;

    public Sandboxes(Path root) {
        this.root = root;
    }

    public Path pathOf(String runId) {
        return root.resolve(runId);
    }

    public boolean exists(String runId) {
        return Files.isDirectory(pathOf(runId));
    }

    /** Creates the run's sandbox holding {@code files}, unless it exists already (a resumed run keeps its work). */
    public Path materialise(String runId, FileSet files) throws IOException {
        Path target = pathOf(runId);
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(root);
        Path staging = root.resolve(runId + ".staging-" + System.nanoTime());
        try {
            Set<Path> made = new HashSet<>();
            for (Map.Entry<String, byte[]> e : files.contents().entrySet()) {
                Path file = staging.resolve(e.getKey());
                if (made.add(file.getParent())) {
                    Files.createDirectories(file.getParent());
                }
                Files.write(file, e.getValue());
            }
            Files.createDirectories(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(staging);
        }
        return target;
    }

    /** The sandbox's files now, read against {@code base} (the revision it was made from) to hash fewer. */
    public FileSet snapshot(String runId, FileSet base) throws IOException {
        return FolderScanner.scanLike(pathOf(runId), base);
    }

    public void delete(String runId) throws IOException {
        deleteTree(pathOf(runId));
    }

    /** Deletes a folder and everything in it; a symbolic link inside is removed, never followed. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
