package dev.builderdesk.ui.settings;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * The desktop settings as last saved, shared by the pages that change a part of them (connection, theme, the
 * picker's stars). Changed on the ui thread; written on the io executor.
 */
final class SavedSettings {
    private final SettingsStore store;
    private final Executor io;
    private volatile DesktopSettings current = DesktopSettings.defaults();
    private boolean loaded;

    SavedSettings(SettingsStore store, Executor io) {
        this.store = store;
        this.io = io;
    }

    DesktopSettings current() {
        return current;
    }

    /** Reads the store; the result becomes {@link #current()} on {@code ui}. */
    CompletableFuture<DesktopSettings> load(Executor ui) {
        return CompletableFuture.supplyAsync(store::load, io).thenApplyAsync(s -> {
            current = s;
            loaded = true;
            return s;
        }, ui);
    }

    /** Whether the store has been read: a save before that would write the defaults over what is saved. */
    boolean loaded() {
        return loaded;
    }

    /**
     * Changes the settings and saves them. Saves run on the io executor in any order, so each one writes the latest
     * settings, one at a time: whichever runs last leaves the newest on disk.
     */
    CompletableFuture<DesktopSettings> update(UnaryOperator<DesktopSettings> change) {
        DesktopSettings next = change.apply(current);
        current = next;
        return CompletableFuture.supplyAsync(() -> {
            synchronized (this) {
                store.save(current);
            }
            return next;
        }, io);
    }
}
