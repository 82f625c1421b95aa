package dev.builderdesk.ui.settings;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the window gets from the app that built it: the settings store, a way to open a client for a connection
 * (for "Test connection"), what to do when the user applies another connection, and the folders it shows.
 */
public record DesktopEnvironment(SettingsStore store, Function<ServerConnection, RunApiClient> connector,
        Consumer<DesktopSettings> reconnect, boolean embedded, String dataDir, String logsDir) {
    /** For tests and the plain constructor: settings in memory, no reconnecting. */
    public static DesktopEnvironment detached(Function<ServerConnection, RunApiClient> connector) {
        return new DesktopEnvironment(SettingsStore.inMemory(), connector, s -> { }, true, "", "");
    }
}
