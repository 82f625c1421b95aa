package dev.builderdesk.app;

import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.ui.settings.DesktopSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a desktop launch does while JavaFX starts and the first window shows, on threads of its own: reads the saved
 * settings, locks the data folder when this launch will use the embedded server, and starts that server. The
 * window waits only for the lock (a second Builder Desk on the same folder must stop before any window opens); the
 * workspace waits for the server.
 */
final class LaunchPreparation {
    private final Path dataDir;
    private final boolean remoteGiven;
    private final StartupClock clock;
    private final JsonSettingsStore store;
    private final CompletableFuture<DesktopSettings> settings;
    private final CompletableFuture<DataFolder> folder;
    private final CompletableFuture<Embedded> embedded;

    /** The embedded server this launch started and the connection to it (with a token for this process only). */
    record Embedded(ServerAssembly server, ServerConnection connection) {
    }

    private LaunchPreparation(Path dataDir, boolean remoteGiven, StartupClock clock) {
        this.dataDir = dataDir;
        this.remoteGiven = remoteGiven;
        this.clock = clock;
        this.store = new JsonSettingsStore(dataDir);
        this.settings = CompletableFuture.supplyAsync(store::load, LaunchPreparation::platformThread);
        this.folder = settings.thenApply(saved -> usesEmbedded(saved) ? DataFolder.open(dataDir) : null);
        this.embedded = folder.thenApplyAsync(held -> held == null ? null : start(held),
                LaunchPreparation::platformThread);
    }

    /** Starts preparing; returns at once. */
    static LaunchPreparation begin(Path dataDir, boolean remoteGiven, StartupClock clock) {
        return new LaunchPreparation(dataDir, remoteGiven, clock);
    }

    Path dataDir() {
        return dataDir;
    }

    /** The desktop settings' file, the one instance the window reads and saves. */
    JsonSettingsStore store() {
        return store;
    }

    CompletableFuture<DesktopSettings> settings() {
        return settings;
    }

    /** The locked data folder (null when this launch connects to a remote server); fails when it is in use. */
    CompletableFuture<DataFolder> folder() {
        return folder;
    }

    /** The embedded server once it answers (null when this launch connects to a remote server). */
    CompletableFuture<Embedded> embedded() {
        return embedded;
    }

    /**
     * Why this launch cannot use its data folder (another Builder Desk holds it, or it cannot be created), waiting
     * for the lock if need be; null when it is locked for this launch or not needed.
     */
    Throwable folderRefusal() {
        try {
            folder.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    long elapsedMs() {
        return clock.elapsedMs();
    }

    private boolean usesEmbedded(DesktopSettings saved) {
        return !remoteGiven && !(saved.mode() == DesktopSettings.Mode.REMOTE && !saved.remoteUrl().isBlank());
    }

    private Embedded start(DataFolder held) {
        Embedded started = startEmbedded(dataDir, held);
        System.getLogger(LaunchPreparation.class.getName()).log(System.Logger.Level.INFO, "embedded server ready"
                + " after " + clock.elapsedMs() + " ms");
        return started;
    }

    /**
     * Starts an embedded server on a free loopback port with a token for this process only, on {@code held} (the
     * caller's lock) or, when null, on the data folder it opens itself.
     */
    static Embedded startEmbedded(Path dataDir, DataFolder held) {
        String token = launchToken();
        ServerAssembly.Options options = ServerAssembly.Options.of(dataDir, null, "127.0.0.1", 0)
                .withLaunchToken(token);
        ServerAssembly server = ServerAssembly.start(held == null ? options : options.withHeldFolder(held));
        return new Embedded(server, ServerConnection.of(server.baseUrl(), token));
    }

    private static String launchToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "launch_" + HexFormat.of().formatHex(bytes);
    }

    /**
     * A platform thread, not a virtual one: class loading and JDBC's synchronized blocks would pin a carrier
     * anyway, and start-up wants the second core now.
     */
    private static void platformThread(Runnable task) {
        Thread t = new Thread(task, "launch-preparation");
        t.setDaemon(true);
        t.start();
    }
}
