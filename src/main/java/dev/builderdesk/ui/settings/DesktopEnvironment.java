package dev.builderdesk.ui.settings;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.ui.fx.UiTime;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the window gets from the app that built it: the settings store, a way to open a client for a connection
 * (for "Test connection"), what to do when the user applies another connection, the folders it shows, and its
 * clock and delays ({@link UiTime}).
 */
public record DesktopEnvironment(SettingsStore store, Function<ServerConnection, RunApiClient> connector,
        Consumer<DesktopSettings> reconnect, boolean embedded, String dataDir, String logsDir,
        Consumer<String> openLink, UiTime time) {
    /** With the system's clock and delays. */
    public DesktopEnvironment(SettingsStore store, Function<ServerConnection, RunApiClient> connector,
            Consumer<DesktopSettings> reconnect, boolean embedded, String dataDir, String logsDir,
            Consumer<String> openLink) {
        this(store, connector, reconnect, embedded, dataDir, logsDir, openLink, UiTime.system());
    }

    /** For tests and the plain constructor: settings in memory, no reconnecting, links go nowhere. */
    public static DesktopEnvironment detached(Function<ServerConnection, RunApiClient> connector) {
        return new DesktopEnvironment(SettingsStore.inMemory(), connector, s -> { }, true, "", "", url -> { });
    }
}
