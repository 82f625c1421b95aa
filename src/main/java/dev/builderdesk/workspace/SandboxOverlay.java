package dev.builderdesk.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a lazily prepared sandbox is besides its folder: the base revision it reads through to, and the base files
 * the run deleted (its "whiteouts"). The folder holds only what the run wrote; a file is the folder's if the folder
 * has it, else the base's unless deleted. The deleted list is kept in a file beside the folder (never inside it,
 * where the agent or a verify command would see it) and rewritten whole, atomically, on every change, so a resumed
 * run finds it as the last tool call left it. A sandbox without that file is complete: its folder is all of it.
 */
public final class SandboxOverlay {
    private static final String HEADER = "builder-desk sandbox overlay 1";

    private final Path file;
    private final FileSet base;
    private final Set<String> deleted;

    private SandboxOverlay(Path file, FileSet base, Set<String> deleted) {
        this.file = file;
        this.base = base;
        this.deleted = deleted;
    }

    /** A new overlay with nothing deleted, written to {@code file}. */
    static SandboxOverlay create(Path file, FileSet base) throws IOException {
        SandboxOverlay overlay = new SandboxOverlay(file, base, new TreeSet<>());
        overlay.save(Set.of());
        return overlay;
    }

    /** The overlay kept in {@code file}, or empty when there is none (the sandbox is complete). */
    static Optional<SandboxOverlay> read(Path file, FileSet base) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IOException("Not a sandbox overlay: " + file.getFileName());
        }
        Set<String> deleted = new TreeSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                deleted.add(lines[i]);
            }
        }
        return Optional.of(new SandboxOverlay(file, base, deleted));
    }

    /** The base's bytes for {@code path} if the run has not deleted it (the folder may still shadow them). */
    public synchronized Optional<byte[]> baseFile(String path) {
        return deleted.contains(path) ? Optional.empty() : Optional.ofNullable(base.contents().get(path));
    }

    /**
     * Whether {@code path} is a folder of the base. Deleting the files under it does not remove it, as deleting
     * files in a complete sandbox leaves their folders.
     */
    public boolean baseFolder(String path) {
        String prefix = path + "/";
        return base.contents().tailMap(prefix).keySet().stream().findFirst().filter(p -> p.startsWith(prefix))
                .isPresent();
    }

    /** The base files the run has not deleted, sorted. */
    public synchronized Set<String> baseFiles() {
        Set<String> visible = new TreeSet<>(base.contents().keySet());
        visible.removeAll(deleted);
        return visible;
    }

    /** Hides the base's {@code path} from now on (a delete or the source of a rename). */
    public synchronized void markDeleted(String path) throws IOException {
        if (!base.contents().containsKey(path) || deleted.contains(path)) {
            return;
        }
        // Saved before it counts: what the tools see never runs ahead of what a resume or the result reads.
        Set<String> next = new TreeSet<>(deleted);
        next.add(path);
        save(next);
        deleted.add(path);
    }

    private void save(Set<String> deletedPaths) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        deletedPaths.forEach(p -> text.append(p).append('\n'));
        Path temp = file.resolveSibling(file.getFileName() + "." + System.nanoTime() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
