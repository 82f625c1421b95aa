package dev.builderdesk.tools;

import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.workspace.WorkspaceRules;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A run's private working folder as the tools see it. Every resolution checks that the real location (links
 * resolved) stays inside the root; writes go through a temporary file and an atomic rename.
 */
public final class Sandbox {
    private final Path root;
    private final Path realRoot;

    public Sandbox(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
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

    byte[] read(String relativePath, String field) throws ToolFailure {
        Path file = resolve(relativePath, field);
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
        try {
            Files.createDirectories(file.getParent());
            resolve(relativePath, field);
            Path temp = file.resolveSibling(file.getFileName() + "." + System.nanoTime() + ".bd-tmp");
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Cannot write " + relativePath + ": " + e);
        }
    }
}
