package dev.builderdesk.ui.settings;

/**
 * Where {@link DesktopSettings} live between launches. The app stores them as a file in the data folder; tests use
 * {@link #inMemory()}. Called on the io executor.
 */
public interface SettingsStore {
    DesktopSettings load();

    void save(DesktopSettings settings);

    /** A store that forgets everything when the window closes. */
    static SettingsStore inMemory() {
        return new SettingsStore() {
            private volatile DesktopSettings current = DesktopSettings.defaults();

            @Override
            public DesktopSettings load() {
                return current;
            }

            @Override
            public void save(DesktopSettings settings) {
                current = settings;
            }
        };
    }
}
