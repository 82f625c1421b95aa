package dev.builderdesk.ui.settings;

/** Settings → Folders: where the embedded server keeps its data and the app its logs (shown, copyable). */
public final class FoldersSettingsViewModel {
    private final String dataDir;
    private final String logsDir;

    FoldersSettingsViewModel(DesktopEnvironment env) {
        this.dataDir = env.dataDir();
        this.logsDir = env.logsDir();
    }

    public String dataDir() {
        return dataDir;
    }

    public String logsDir() {
        return logsDir;
    }
}
