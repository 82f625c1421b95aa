package dev.builderdesk.ui.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;

/** Applies a theme by swapping AtlantaFX's user-agent stylesheet; our CSS uses only its colour variables. */
public final class Themes {
    private Themes() {
    }

    public static void apply(DesktopSettings.Theme theme) {
        Application.setUserAgentStylesheet(isDark(theme) ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** System reads GTK_THEME (e.g. {@code Adwaita:dark}); JavaFX 21 has no platform preference API. */
    static boolean isDark(DesktopSettings.Theme theme) {
        return switch (theme) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> System.getenv().getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT).contains("dark");
        };
    }
}
