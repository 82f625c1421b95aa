package dev.builderdesk.app;

import dev.builderdesk.ui.settings.DesktopSettings;
import dev.builderdesk.ui.settings.SettingsStore;
import java.nio.file.Path;

/**
 * The desktop settings as {@code desktop-settings.json} in the data folder, readable by the owner only (it may
 * hold a remote token). An unreadable file gives the defaults.
 */
final class JsonSettingsStore implements SettingsStore {
    private final JsonFile<DesktopSettings> file;

    JsonSettingsStore(Path dataDir) {
        this.file = new JsonFile<>(dataDir.resolve("desktop-settings.json"), DesktopSettings.class);
    }

    @Override
    public DesktopSettings load() {
        DesktopSettings saved = file.read();
        return saved == null ? DesktopSettings.defaults() : saved;
    }

    @Override
    public void save(DesktopSettings settings) {
        file.write(settings);
    }
}
