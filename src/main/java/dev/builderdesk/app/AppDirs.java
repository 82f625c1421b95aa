package dev.builderdesk.app;

import java.nio.file.Path;
import java.util.Locale;

/** Where Builder Desk keeps its data by default, following each platform's convention. */
public final class AppDirs {
    private AppDirs() {
    }

    public static Path defaultDataDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("Builder Desk");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Builder Desk");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("builder-desk");
    }

    /** The version in the jar manifest, or {@code dev} when running from classes. */
    public static String version() {
        String v = AppDirs.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
