package dev.builderdesk.app;

import dev.builderdesk.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A small JSON file of the data folder (settings, the window's placement): written to a temporary file and moved
 * into place, so a crash never leaves half a file, and readable by the owner only. An unreadable file reads as
 * absent.
 */
final class JsonFile<T> {
    private static final System.Logger LOG = System.getLogger(JsonFile.class.getName());
    private final Path file;
    private final Class<T> type;

    JsonFile(Path file, Class<T> type) {
        this.file = file;
        this.type = type;
    }

    /** The stored value, or null when there is none or it cannot be read (logged). */
    T read() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.mapper().readValue(file.toFile(), type);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring unreadable " + file + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Replaces the stored value; a failure is logged, never thrown (losing a preference must not stop the app).
     * Writes are one at a time, each through its own temporary file, so two saves in flight never mix.
     */
    synchronized void write(T value) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
            Files.writeString(temp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the user's profile folder is private already.
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not save " + file + ": " + e.getMessage());
        }
    }
}
