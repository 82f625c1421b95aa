package dev.builderdesk.ui.settings;

import java.util.List;

/**
 * What the desktop app remembers between launches: the connection (embedded, or a remote server with its token
 * and optional tenant), the theme, the picker's favourites and recent models, and the app and thread shown last
 * ({@code lastThreadId} null: a new thread), which a relaunch reopens.
 */
public record DesktopSettings(Mode mode, String remoteUrl, String remoteToken, String remoteTenant, Theme theme,
        List<String> favourites, List<String> recent, String lastAppId, String lastThreadId) {
    /** Which run server the window talks to. */
    public enum Mode { EMBEDDED, REMOTE }

    /** The colour theme; System follows the desktop's preference where it can be read. */
    public enum Theme { SYSTEM, LIGHT, DARK }

    public DesktopSettings {
        mode = mode == null ? Mode.EMBEDDED : mode;
        theme = theme == null ? Theme.SYSTEM : theme;
        favourites = favourites == null ? List.of() : List.copyOf(favourites);
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    public static DesktopSettings defaults() {
        return new DesktopSettings(Mode.EMBEDDED, "", "", "", Theme.SYSTEM, List.of(), List.of(), null, null);
    }

    public DesktopSettings withTheme(Theme to) {
        return new DesktopSettings(mode, remoteUrl, remoteToken, remoteTenant, to, favourites, recent, lastAppId,
                lastThreadId);
    }

    public DesktopSettings withConnection(Mode to, String url, String token, String tenant) {
        return new DesktopSettings(to, url, token, tenant, theme, favourites, recent, lastAppId, lastThreadId);
    }

    public DesktopSettings withPicker(List<String> favs, List<String> recents) {
        return new DesktopSettings(mode, remoteUrl, remoteToken, remoteTenant, theme, favs, recents, lastAppId,
                lastThreadId);
    }

    /** The app and thread the window shows now (thread null: a new thread). */
    public DesktopSettings withLastThread(String appId, String threadId) {
        return new DesktopSettings(mode, remoteUrl, remoteToken, remoteTenant, theme, favourites, recent, appId,
                threadId);
    }
}
