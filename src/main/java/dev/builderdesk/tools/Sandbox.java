package dev.builderdesk.tools;

import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.workspace.SandboxOverlay;
import dev.builderdesk.workspace.WorkspaceRules;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A run's private working folder as the tools see it. Every resolution checks that the real location (links
 * resolved) stays inside the root; writes go through a temporary file and an atomic rename. A prepared sandbox
 * (one with a {@link SandboxOverlay}) reads through to its base revision for what its folder does not hold, and
 * records deletions of base files instead of making them: the tools see the same files either way.
 */
public final class Sandbox {
    private final Path root;
    private final Path realRoot;
    private final SandboxOverlay overlay;

    /** A complete sandbox: the folder is all of it. */
    public Sandbox(Path root) throws IOException {
        this(root, null);
    }

    /** A sandbox whose folder lies over its base revision as {@code overlay} says; {@code null} if complete. */
    public Sandbox(Path root, SandboxOverlay overlay) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
        this.overlay = overlay;
    }

    public Path root() {
        return root;
    }

    /** The file for a policy-checked relative path, refusing any that escapes through a link. */
    Path resolve(String relativePath, String field) throws ToolFailure {
        Path target = root.resolve(relativePath).normalize();
        try {
            Path existing = target;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null || !existing.toRealPath().startsWith(realRoot) || !target.startsWith(root)) {
                throw ToolFailure.policy("Path escapes the workspace", field);
            }
            if (Files.isSymbolicLink(target) && !target.toRealPath().startsWith(realRoot)) {
                throw ToolFailure.policy("Path escapes the workspace", field);
            }
        } catch (IOException e) {
            // A dangling link has no real path: it cannot be proven to stay inside.
            throw ToolFailure.policy("Path escapes the workspace", field);
        }
        return target;
    }

    /** Whether {@code relativePath} is a regular file of the sandbox. */
    boolean isFile(String relativePath, String field) throws ToolFailure {
        Path file = resolve(relativePath, field);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Files.isRegularFile(file);
        }
        return baseFile(file).isPresent();
    }

    /** Whether anything, a file or a folder, is at {@code relativePath}. */
    boolean exists(String relativePath, String field) throws ToolFailure {
        Path file = resolve(relativePath, field);
        return Files.exists(file) || baseFile(file).isPresent() || overlay != null && overlay.baseFolder(key(file));
    }

    byte[] read(String relativePath, String field) throws ToolFailure {
        Path file = resolve(relativePath, field);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] base = baseFile(file).orElseThrow(() ->
                    new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "File not found: " + relativePath));
            if (base.length > WorkspaceRules.maxBytes(relativePath)) {
                throw ToolFailure.policy("File is too large", field);
            }
            return base;
        }
        if (!Files.isRegularFile(file)) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "File not found: " + relativePath);
        }
        try {
            if (Files.size(file) > WorkspaceRules.maxBytes(relativePath)) {
                throw ToolFailure.policy("File is too large", field);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Cannot read " + relativePath + ": " + e);
        }
    }

    void write(String relativePath, String field, byte[] content) throws ToolFailure {
        if (content.length > WorkspaceRules.maxBytes(relativePath)) {
            throw ToolFailure.policy("File is too large", field);
        }
        Path file = resolve(relativePath, field);
        refuseBaseInTheWay(file, relativePath);
        place(file, relativePath, field, content);
    }

    /** Writes {@code content} at {@code file} through a temporary file, making its folders. */
    private void place(Path file, String relativePath, String field, byte[] content) throws ToolFailure {
        try {
            Files.createDirectories(file.getParent());
            resolve(relativePath, field);
            Path temp = file.resolveSibling(file.getFileName() + "." + System.nanoTime() + ".bd-tmp");
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                // A move that failed (a folder in the way) must not leave the temporary file for the agent to see.
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Cannot write " + relativePath + ": " + e);
        }
    }

    /** Deletes the file at {@code relativePath}, which the caller found to be one. */
    void delete(String relativePath, String field) throws IOException, ToolFailure {
        Path file = resolve(relativePath, field);
        hideBaseFile(file);
        Files.deleteIfExists(file);
    }

    /**
     * Records that the base's file at {@code file} is gone, before the folder's own copy goes: interrupted between
     * the two, the run's file is still there, never the base's older one in its place.
     */
    private void hideBaseFile(Path file) throws IOException {
        if (overlay != null) {
            overlay.markDeleted(key(file));
        }
    }

    /** Moves the file at {@code from} to {@code to}, where nothing is; folders are made as needed. */
    void move(String from, String fromField, String to, String toField) throws IOException, ToolFailure {
        Path source = resolve(from, fromField);
        Path target = resolve(to, toField);
        refuseBaseInTheWay(target, to);
        Optional<byte[]> onlyInBase = baseFile(source);
        if (onlyInBase.isPresent()) {
            // Nothing to move on disk: the target gets the base's bytes, then the base's file is hidden.
            place(target, to, toField, onlyInBase.get());
            hideBaseFile(source);
            return;
        }
        Files.createDirectories(target.getParent());
        resolve(to, toField);
        hideBaseFile(source);
        Files.move(source, target);
    }

    /** The sandbox's regular files, sorted (blocked folders and links skipped). */
    List<String> files() throws IOException {
        List<String> inFolder = SandboxWalk.files(root);
        if (overlay == null) {
            return inFolder;
        }
        Set<String> all = new TreeSet<>(overlay.baseFiles());
        all.addAll(inFolder);
        return List.copyOf(all);
    }

    /** The base's bytes at {@code file} when the folder has nothing there; empty for a complete sandbox. */
    private Optional<byte[]> baseFile(Path file) {
        if (overlay == null || Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return overlay.baseFile(key(file));
    }

    /**
     * A base file standing where a folder of {@code file} would go, or base files under {@code file}: in a
     * complete folder the write would fail there too.
     */
    private void refuseBaseInTheWay(Path file, String relativePath) throws ToolFailure {
        if (overlay == null) {
            return;
        }
        for (Path parent = file.getParent(); parent != null && !parent.equals(root); parent = parent.getParent()) {
            if (baseFile(parent).isPresent()) {
                throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Cannot write " + relativePath + ": "
                        + key(parent) + " is a file");
            }
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && overlay.baseFolder(key(file))) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Cannot write " + relativePath
                    + ": it is a folder");
        }
    }

    private String key(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
