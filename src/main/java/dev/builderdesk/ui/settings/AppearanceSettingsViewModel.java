package dev.builderdesk.ui.settings;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Settings → Appearance: the theme (System / Light / Dark), saved as soon as it changes. */
public final class AppearanceSettingsViewModel {
    private final ObjectProperty<DesktopSettings.Theme> theme =
            new SimpleObjectProperty<>(DesktopSettings.Theme.SYSTEM);

    AppearanceSettingsViewModel(SavedSettings saved) {
        theme.addListener((obs, old, now) -> {
            if (now != saved.current().theme()) {
                saved.update(s -> s.withTheme(now));
            }
        });
    }

    void restore(DesktopSettings s) {
        theme.set(s.theme());
    }

    public ObjectProperty<DesktopSettings.Theme> themeProperty() {
        return theme;
    }
}
