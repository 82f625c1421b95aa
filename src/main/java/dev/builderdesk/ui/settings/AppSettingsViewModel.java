package dev.builderdesk.ui.settings;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.CommandWords;
import dev.builderdesk.protocol.VerifyCommand;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Settings → App: the app the workspace shows and its verify command — typed as one command line, run without a
 * shell after each comparison attempt in that attempt's sandbox, stopped after its timeout. The page shows what the
 * server holds (read again whenever the page opens or the app changes while it is open), says what the line runs
 * as it is typed, and saves or removes the command with {@code PATCH /admin/apps/{id}}.
 */
public final class AppSettingsViewModel {
    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final ReadOnlyObjectWrapper<App> app = new ReadOnlyObjectWrapper<>();
    private final StringProperty command = new SimpleStringProperty("");
    private final StringProperty timeout = new SimpleStringProperty(String.valueOf(VerifyCommand.DEFAULT_TIMEOUT_S));
    private final ReadOnlyStringWrapper commandError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timeoutError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Note> note = new ReadOnlyObjectWrapper<>(Note.NONE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canSave;
    private final BooleanBinding canRemove;
    private BiConsumer<String, VerifyCommand> onSaved = (appId, cmd) -> { };
    private String shownId;
    /** Reads and saves sent; only the answer to the last one is shown (an older one arriving late is dropped). */
    private int requests;

    AppSettingsViewModel(RunApiClient client, Executor ui, Executor io) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        canSave = Bindings.createBooleanBinding(() -> !busy.get() && app.get() != null && differsFromSaved(), app,
                command, timeout, busy);
        canRemove = Bindings.createBooleanBinding(() -> !busy.get() && app.get() != null
                && app.get().verify() != null, app, busy);
        command.subscribe(this::describe);
        command.addListener((obs, old, now) -> note.set(Note.NONE));
        timeout.addListener((obs, old, now) -> {
            timeoutError.set("");
            note.set(Note.NONE);
        });
    }

    /** The app shown, as the server last answered it; null when there is none. */
    public ReadOnlyObjectProperty<App> appProperty() {
        return app.getReadOnlyProperty();
    }

    /** The verify command as one line, e.g. {@code npm run build}; empty: none. */
    public StringProperty commandProperty() {
        return command;
    }

    /** The timeout in seconds, as typed. */
    public StringProperty timeoutProperty() {
        return timeout;
    }

    public ReadOnlyStringProperty commandErrorProperty() {
        return commandError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeoutErrorProperty() {
        return timeoutError.getReadOnlyProperty();
    }

    /** What the line runs, e.g. "Runs npm with 2 arguments: “run”, “build”"; empty while the line is empty or wrong. */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Note> noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** A save or a read is on its way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Save can be used: the fields differ from what the server holds, and nothing is on its way. */
    public BooleanBinding canSaveProperty() {
        return canSave;
    }

    /** Remove can be used: the app has a command, and nothing is on its way. */
    public BooleanBinding canRemoveProperty() {
        return canRemove;
    }

    /** Told after a command was saved or removed: the app's id and its command now (null: none). */
    public void onSaved(BiConsumer<String, VerifyCommand> action) {
        this.onSaved = action;
    }

    /** The app the workspace shows now (null: none); {@link #reload} reads it. */
    public void select(String appId) {
        shownId = appId;
    }

    /** Reads the selected app from the server, so the page holds what the server has (shown when it opens). */
    public CompletableFuture<Void> reload() {
        int load = ++requests;
        String appId = shownId;
        if (appId == null) {
            busy.set(false);
            fill(null);
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> client.getApp(appId), io).handleAsync((found, failure) -> {
            if (load != requests) {
                return null;
            }
            busy.set(false);
            if (failure != null) {
                fill(null);
                note.set(Note.error("Cannot read the app's settings. " + UserMessages.of(failure)));
            } else {
                fill(found);
            }
            return null;
        }, ui);
    }

    /** Saves the typed command (an empty line removes it); nothing is sent while a field is wrong. */
    public CompletableFuture<Void> save() {
        App current = app.get();
        if (current == null || busy.get()) {
            return CompletableFuture.completedFuture(null);
        }
        VerifyCommand typed;
        try {
            typed = parse();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(null);
        }
        return send(current, typed, typed == null ? "Removed: comparisons of " + current.name() + " are not verified."
                : "Saved: after each attempt of a comparison of " + current.name() + ", it runs in a copy of"
                + " the app holding that attempt's changes.");
    }

    /** Removes the command from the app. */
    public CompletableFuture<Void> remove() {
        App current = app.get();
        if (current == null || busy.get()) {
            return CompletableFuture.completedFuture(null);
        }
        return send(current, null, "Removed: comparisons of " + current.name() + " are not verified.");
    }

    private CompletableFuture<Void> send(App current, VerifyCommand next, String done) {
        int sent = ++requests;
        busy.set(true);
        note.set(Note.progress("Saving…"));
        String appId = current.id();
        return CompletableFuture.supplyAsync(() -> client.setVerifyCommand(appId, next), io)
                .handleAsync((updated, failure) -> {
                    if (failure == null) {
                        // Saved, whatever is shown now: the setup of a comparison of that app follows it.
                        onSaved.accept(appId, updated.verify());
                    }
                    if (sent != requests) {
                        return null;
                    }
                    busy.set(false);
                    if (failure != null) {
                        // The fields keep what was typed: nothing changed on the server.
                        note.set(Note.error("Not saved. " + UserMessages.of(failure)));
                        return null;
                    }
                    fill(updated);
                    note.set(Note.success(done));
                    return null;
                }, ui);
    }

    private void fill(App shown) {
        app.set(shown);
        VerifyCommand v = shown == null ? null : shown.verify();
        command.set(v == null ? "" : CommandWords.join(v.argv()));
        timeout.set(String.valueOf(v == null ? VerifyCommand.DEFAULT_TIMEOUT_S : v.timeoutS()));
        commandError.set("");
        timeoutError.set("");
        note.set(Note.NONE);
    }

    /** The fields as a command (null: the line is empty), or the errors set and an exception thrown. */
    private VerifyCommand parse() {
        List<String> argv = words();
        Integer seconds = seconds();
        if (argv == null || seconds == null) {
            throw new IllegalArgumentException();
        }
        return argv.isEmpty() ? null : new VerifyCommand(argv, seconds);
    }

    private List<String> words() {
        try {
            List<String> argv = CommandWords.split(command.get());
            if (argv.size() > VerifyCommand.MAX_ARGS) {
                commandError.set("At most " + VerifyCommand.MAX_ARGS + " arguments.");
                return null;
            }
            if (argv.stream().anyMatch(a -> a.length() > VerifyCommand.MAX_ARG_CHARS)) {
                commandError.set("An argument is longer than " + VerifyCommand.MAX_ARG_CHARS + " characters.");
                return null;
            }
            if (!argv.isEmpty() && argv.get(0).isEmpty()) {
                commandError.set("The program's name is empty.");
                return null;
            }
            return argv;
        } catch (IllegalArgumentException e) {
            commandError.set(e.getMessage());
            return null;
        }
    }

    private Integer seconds() {
        try {
            int s = Integer.parseInt(timeout.get().strip());
            if (s >= 1 && s <= VerifyCommand.MAX_TIMEOUT_S) {
                return s;
            }
        } catch (NumberFormatException e) {
            // Said below, like a number out of range.
        }
        timeoutError.set("Seconds from 1 to " + VerifyCommand.MAX_TIMEOUT_S + ".");
        return null;
    }

    /** The command line said back as the program and its arguments, or what is wrong with it. */
    private void describe(String line) {
        commandError.set("");
        preview.set("");
        try {
            List<String> argv = CommandWords.split(line == null ? "" : line);
            if (argv.isEmpty()) {
                return;
            }
            int n = argv.size() - 1;
            preview.set("Runs " + argv.get(0) + (n == 0 ? " with no arguments"
                    : " with " + n + (n == 1 ? " argument: " : " arguments: ")
                    + argv.subList(1, argv.size()).stream().map(a -> "“" + a + "”")
                    .collect(Collectors.joining(", "))));
        } catch (IllegalArgumentException e) {
            commandError.set(e.getMessage());
        }
    }

    /** Whether the fields say something else than the server's command (the same words and timeout do not). */
    private boolean differsFromSaved() {
        VerifyCommand saved = app.get().verify();
        try {
            List<String> argv = CommandWords.split(command.get());
            if (argv.isEmpty()) {
                return saved != null;
            }
            return !new VerifyCommand(argv, Integer.parseInt(timeout.get().strip())).equals(saved);
        } catch (IllegalArgumentException e) {
            // A line or a timeout that does not read (NumberFormatException is one): Save says what is wrong.
            return true;
        }
    }
}
