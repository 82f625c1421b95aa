package dev.builderdesk.app;

import dev.builderdesk.protocol.Json;
import dev.builderdesk.ui.settings.DesktopSettings;
import dev.builderdesk.ui.settings.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The desktop settings as {@code desktop-settings.json} in the data folder: written to a temporary file and moved
 * into place, readable by the owner only (it may hold a remote token). An unreadable file gives the defaults.
 */
final class JsonSettingsStore implements SettingsStore {
    private static final System.Logger LOG = System.getLogger(JsonSettingsStore.class.getName());
    private final Path file;

    JsonSettingsStore(Path dataDir) {
        this.file = dataDir.resolve("desktop-settings.json");
    }

    @Override
    public DesktopSettings load() {
        if (!Files.isRegularFile(file)) {
            return DesktopSettings.defaults();
        }
        try {
            return Json.mapper().readValue(file.toFile(), DesktopSettings.class);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring unreadable " + file + ": " + e.getMessage());
            return DesktopSettings.defaults();
        }
    }

    @Override
    public void save(DesktopSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(settings));
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
