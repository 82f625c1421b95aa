package dev.builderdesk.ui.settings;

import java.util.Locale;

/** The pages (tabs) of Settings, in the order they are shown. */
public enum SettingsPage {
    CONNECTION("Connection"),
    /** Providers and their chat models. */
    MODELS("Models"),
    /** The app shown: its verify command for comparisons. */
    APP("App"),
    APPEARANCE("Appearance"),
    FOLDERS("Folders");

    private final String title;

    SettingsPage(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The tab's node id, e.g. {@code settings-tab-models}. */
    public String tabId() {
        return "settings-tab-" + name().toLowerCase(Locale.ROOT);
    }
}
