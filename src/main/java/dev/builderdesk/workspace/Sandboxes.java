package dev.builderdesk.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One private working folder per run under the data folder, made from the run's base revision. A sandbox is either
 * <em>complete</em> (its folder holds every file) or <em>prepared</em> (its folder holds only what the run wrote,
 * and a {@link SandboxOverlay} beside it reads through to the base): preparing writes no file of the base, so it
 * costs the same for an app of 8 files or of 2,000 (ADR 0015). Whatever needs a real folder (OpenCode, a verify
 * command) completes it first. A complete sandbox is first written beside its final name and then renamed, so a
 * half-materialised sandbox is never used.
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

    /**
     * Prepares the run's sandbox over {@code base} without copying it, unless it exists already (a resumed run
     * keeps its work). The overlay is written before the folder, so an existing folder always has its overlay or
     * is complete.
     */
    public Path prepare(String runId, FileSet base) throws IOException {
        Path target = pathOf(runId);
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(root);
        SandboxOverlay.create(overlayOf(runId), base);
        Files.createDirectory(target);
        return target;
    }

    /** Creates the run's sandbox holding all of {@code files}, unless it exists already. */
    public Path materialise(String runId, FileSet files) throws IOException {
        Path target = pathOf(runId);
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(root);
        Path staging = root.resolve(runId + ".staging-" + System.nanoTime());
        try {
            write(staging, files.contents().keySet(), files);
            Files.createDirectories(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(staging);
        }
        return target;
    }

    /**
     * Makes the run's sandbox complete: writes the base files its folder does not shadow and the run did not
     * delete, then drops the overlay. Interrupted half way, the overlay still says what the folder means.
     */
    public Path complete(String runId, FileSet base) throws IOException {
        Optional<SandboxOverlay> overlay = overlay(runId, base);
        if (overlay.isPresent()) {
            Path folder = pathOf(runId);
            Set<String> missing = new TreeSet<>(overlay.get().baseFiles());
            missing.removeIf(p -> Files.exists(folder.resolve(p), LinkOption.NOFOLLOW_LINKS));
            write(folder, missing, base);
            Files.delete(overlayOf(runId));
        }
        return pathOf(runId);
    }

    /** The overlay of a prepared sandbox over {@code base}; empty for a complete one. */
    public Optional<SandboxOverlay> overlay(String runId, FileSet base) throws IOException {
        return SandboxOverlay.read(overlayOf(runId), base);
    }

    /**
     * The sandbox's files now: its folder's, plus for a prepared sandbox the base files it neither shadows nor
     * deleted. Read against {@code base} (the revision it was made from) to hash fewer.
     */
    public FileSet snapshot(String runId, FileSet base) throws IOException {
        Optional<SandboxOverlay> overlay = overlay(runId, base);
        FileSet folder = FolderScanner.scanLike(pathOf(runId), base);
        if (overlay.isEmpty()) {
            return folder;
        }
        Map<String, byte[]> files = new HashMap<>(folder.contents());
        for (String p : overlay.get().baseFiles()) {
            files.putIfAbsent(p, base.contents().get(p));
        }
        return FileSet.ofLike(files, base);
    }

    public void delete(String runId) throws IOException {
        deleteTree(pathOf(runId));
        Files.deleteIfExists(overlayOf(runId));
    }

    private Path overlayOf(String runId) {
        return root.resolve(runId + ".overlay");
    }

    private static void write(Path folder, Set<String> paths, FileSet files) throws IOException {
        Set<Path> made = new HashSet<>();
        for (String p : paths) {
            Path file = folder.resolve(p);
            if (made.add(file.getParent())) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, files.contents().get(p));
        }
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
