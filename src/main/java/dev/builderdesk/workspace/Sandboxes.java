package dev.builderdesk.workspace;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
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
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One private working folder per run under the data folder, made from the run's base revision. A sandbox is either
 * <em>complete</em> ({@code <run_id>/} holds every file) or <em>prepared</em> ({@code <run_id>.prepared/} holds only
 * what the run wrote, and the {@link SandboxOverlay} in {@code <run_id>.overlay} reads through to the base):
 * preparing writes no file of the base, so it barely depends on the app's size (ADR 0015). A prepared folder has
 * its own name so that nothing that does not know overlays (an older server, a lost overlay) takes it for a
 * complete one: without its overlay it is refused, never read as an app that lost its files. Whatever needs a real
 * folder (OpenCode, a verify command) completes it first. A complete sandbox is written under a staging or the
 * prepared name and then renamed, so a half-written one is never used as complete.
 */
public final class Sandboxes {
    private static final String PREPARED = ".prepared";
    private static final String OVERLAY = ".overlay";

    private final Path root;
    private volatile Boolean caseSensitive;

    public Sandboxes(Path root) {
        this.root = root;
    }

    /** The run's sandbox folder: the prepared one while there is one, else the complete one. */
    public Path pathOf(String runId) {
        Path prepared = root.resolve(runId + PREPARED);
        return Files.isDirectory(prepared) ? prepared : root.resolve(runId);
    }

    public boolean exists(String runId) {
        return Files.isDirectory(pathOf(runId));
    }

    /**
     * Prepares the run's sandbox over {@code base} without copying it, unless it exists already (a resumed run
     * keeps its work). The overlay is written before the folder. Where file names ignore case (the overlay's keys
     * do not), the sandbox is made complete instead.
     */
    public Path prepare(String runId, FileSet base) throws IOException {
        if (exists(runId)) {
            return pathOf(runId);
        }
        Files.createDirectories(root);
        if (!caseSensitive()) {
            return materialise(runId, base);
        }
        SandboxOverlay.create(overlayOf(runId), base);
        return Files.createDirectory(root.resolve(runId + PREPARED));
    }

    /** Creates the run's sandbox holding all of {@code files}, unless it exists already. */
    public Path materialise(String runId, FileSet files) throws IOException {
        if (exists(runId)) {
            return pathOf(runId);
        }
        Files.createDirectories(root);
        Path target = root.resolve(runId);
        Path staging = root.resolve(runId + ".staging-" + System.nanoTime());
        try {
            write(staging, files.contents(), null);
            Files.createDirectories(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(staging);
        }
        return target;
    }

    /**
     * Makes the run's sandbox complete: writes the base files its folder does not shadow and the run did not
     * delete (each through a temporary file, which scans skip), renames the folder to its complete name, then
     * drops the overlay. Interrupted, it is still prepared, or complete with a stale overlay that is then dropped.
     */
    public Path complete(String runId, FileSet base) throws IOException {
        return complete(runId, base, () -> false);
    }

    /**
     * As {@link #complete(String, FileSet)}, giving up between two files once {@code stopped} says so (the sandbox
     * is then still prepared).
     *
     * @throws CancellationException when it gave up
     */
    public Path complete(String runId, FileSet base, BooleanSupplier stopped) throws IOException {
        Path complete = root.resolve(runId);
        Path prepared = root.resolve(runId + PREPARED);
        if (Files.isDirectory(prepared)) {
            SandboxOverlay overlay = overlay(runId, base).orElseThrow();
            Map<String, byte[]> missing = new HashMap<>();
            for (String p : overlay.baseFiles()) {
                if (!Files.exists(prepared.resolve(p), LinkOption.NOFOLLOW_LINKS)) {
                    missing.put(p, base.contents().get(p));
                }
            }
            write(prepared, missing, stopped);
            Files.move(prepared, complete, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.deleteIfExists(overlayOf(runId));
        return complete;
    }

    /**
     * The overlay of a prepared sandbox over {@code base}; empty for a complete one.
     *
     * @throws IOException when a prepared sandbox has lost its overlay: its folder alone is not the run's work
     */
    public Optional<SandboxOverlay> overlay(String runId, FileSet base) throws IOException {
        if (!Files.isDirectory(root.resolve(runId + PREPARED))) {
            return Optional.empty();
        }
        Optional<SandboxOverlay> overlay = SandboxOverlay.read(overlayOf(runId), base);
        if (overlay.isEmpty()) {
            throw new IOException("The run's working copy lost its overlay, so what it holds is unknown");
        }
        return overlay;
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

    /** Deletes the run's sandbox, whichever it is, its overlay and any temporary file the overlay left. */
    public void delete(String runId) throws IOException {
        deleteTree(root.resolve(runId + PREPARED));
        deleteTree(root.resolve(runId));
        Files.deleteIfExists(overlayOf(runId));
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(root, runId + OVERLAY + ".*.tmp")) {
                for (Path temp : temps) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    private Path overlayOf(String runId) {
        return root.resolve(runId + OVERLAY);
    }

    /** Whether this file system tells {@code a} from {@code A} (Linux: yes; macOS and Windows, usually not). */
    private boolean caseSensitive() throws IOException {
        if (caseSensitive == null) {
            Path probe = root.resolve("case-probe-" + System.nanoTime() + ".tmp");
            Files.createFile(probe);
            try {
                caseSensitive = !Files.exists(root.resolve(probe.getFileName().toString().toUpperCase()));
            } finally {
                Files.deleteIfExists(probe);
            }
        }
        return caseSensitive;
    }

    /**
     * Writes the files under {@code folder}. For a folder in use ({@code stopped} not null) each is written beside
     * its place and renamed there, so an interrupted write leaves no cut file under its real name, and the writing
     * stops between two files once {@code stopped} says so.
     */
    private static void write(Path folder, Map<String, byte[]> files, BooleanSupplier stopped)
            throws IOException {
        boolean throughTemporaryFiles = stopped != null;
        Set<Path> made = new HashSet<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (throughTemporaryFiles && stopped.getAsBoolean()) {
                throw new CancellationException("Stopped while writing out the sandbox");
            }
            Path file = folder.resolve(e.getKey());
            if (made.add(file.getParent())) {
                Files.createDirectories(file.getParent());
            }
            if (!throughTemporaryFiles) {
                Files.write(file, e.getValue());
                continue;
            }
            Path temp = file.resolveSibling(file.getFileName() + "." + System.nanoTime() + FolderScanner.TEMP_SUFFIX);
            Files.write(temp, e.getValue());
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException unsupported) {
                Files.move(temp, file);
            }
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
