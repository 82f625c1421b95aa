package dev.builderdesk.ui.threads;

import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.ui.fx.Failures;
import dev.builderdesk.ui.fx.UiTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The rail's threads of the shown app: the list (newest message first), the filter over their titles, the thread
 * the window shows, the clock their relative times are told by, inline renaming and deleting with Undo.
 * A failed rename keeps the typed title and says why. A deleted thread leaves the list at once, but the DELETE is
 * sent only when the {@link #UNDO_WINDOW} has passed, another thread is deleted, the app changes or the window
 * closes; Undo before that puts it back and the server never hears of it. A failed delete puts it back too.
 */
public final class ThreadsViewModel implements AutoCloseable {
    /** How long "Thread deleted · Undo" stays before the delete is sent. */
    public static final Duration UNDO_WINDOW = Duration.ofSeconds(6);
    static final int LIMIT = 100;
    private static final System.Logger LOG = System.getLogger(ThreadsViewModel.class.getName());

    /** What the list asks of the window. */
    public interface Host {
        /** Shows a stored thread (its turns, its model). */
        void open(ChatSession thread);

        /** Shows a new, empty thread. */
        void newThread();

        /** The id of the thread the window shows; null for a new thread. */
        String shownId();

        /** Whether the shown thread's run is going (its thread cannot be deleted then). */
        boolean running();
    }

    /** A deleted thread waiting for its undo window: where it was, and whether the window showed it. */
    private record Pending(String appId, ChatSession thread, int index, boolean wasShown) {
    }

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final UiTime time;
    private final Host host;
    private final ObservableList<ChatSession> all = FXCollections.observableArrayList();
    private final FilteredList<ChatSession> shown = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper();
    private final ObjectProperty<ChatSession> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Instant> now;
    private final ReadOnlyStringWrapper renaming = new ReadOnlyStringWrapper();
    private final StringProperty renameDraft = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper renameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper renameSaving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private Pending pending;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private String appId;
    private int loads;

    public ThreadsViewModel(RunApiClient client, Executor ui, Executor io, UiTime time, Host host) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.time = time;
        this.host = host;
        this.now = new ReadOnlyObjectWrapper<>(time.now());
        filter.subscribe(f -> {
            String needle = f == null ? "" : f.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(needle.isEmpty() ? null : t -> t.title().toLowerCase(Locale.ROOT).contains(needle));
        });
        placeholder.bind(Bindings.createStringBinding(() -> filter.get() == null || filter.get().isBlank()
                ? "No threads yet: your first prompt starts one."
                : "No threads match '" + filter.get().strip() + "'", filter));
    }

    /** Every thread of the app, newest message first. */
    public ObservableList<ChatSession> threads() {
        return FXCollections.unmodifiableObservableList(all);
    }

    /** The threads whose title matches the filter. */
    public ObservableList<ChatSession> shown() {
        return shown;
    }

    /** The filter: a case-insensitive part of a title; blank shows every thread. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** What the empty list says: no threads yet, or none matching the filter. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** The thread the window shows; null for a new thread. */
    public ObjectProperty<ChatSession> selectedProperty() {
        return selected;
    }

    /** The time relative times are told against; moves on each {@link #tick()}. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** Reads the clock again (the view calls this every so often, so "2 min ago" keeps true). */
    public void tick() {
        now.set(time.now());
    }

    /** When the thread was last active, as the row says it ("2 min ago", "yesterday", "12 Mar"). */
    public String timeOf(ChatSession thread) {
        return RelativeTime.format(lastActive(thread), now.get(), time.zone());
    }

    /** The exact time of {@link #timeOf}, for a tooltip. */
    public String exactTimeOf(ChatSession thread) {
        return "Last active " + RelativeTime.exact(lastActive(thread), time.zone());
    }

    private static Instant lastActive(ChatSession thread) {
        return thread.lastMessageAt() != null ? thread.lastMessageAt() : thread.updatedAt();
    }

    /** Shows another app's threads; a pending delete of the previous app is sent now. */
    public CompletableFuture<Void> showApp(String app) {
        sendPending();
        cancelRename();
        appId = app;
        all.clear();
        filter.set("");
        selected.set(null);
        return refresh();
    }

    /** Reads the app's threads again (after a run started or ended: times and order moved). */
    public CompletableFuture<Void> refresh() {
        String app = appId;
        int load = ++loads;
        if (app == null) {
            all.clear();
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> client.chatSessions(app, LIMIT), io).handleAsync((list, failure) -> {
            if (load != loads) {
                return null;
            }
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "Could not list the threads: " + Failures.message(failure));
                return null;
            }
            Pending p = pending;
            all.setAll(p == null ? list : list.stream().filter(t -> !t.id().equals(p.thread().id())).toList());
            String current = host.shownId();
            all.stream().filter(t -> t.id().equals(current)).findFirst().ifPresent(selected::set);
            tick();
            return null;
        }, ui);
    }

    /** Opens a thread of the list (Enter or a click). */
    public void open(ChatSession thread) {
        if (thread != null && (selected.get() == null || !selected.get().id().equals(thread.id()))) {
            host.open(thread);
        }
    }

    /** "New thread". */
    public void newThread() {
        host.newThread();
    }

    /** The id of the thread being renamed; null when none is. */
    public ReadOnlyStringProperty renamingProperty() {
        return renaming.getReadOnlyProperty();
    }

    /** The title being typed. */
    public StringProperty renameDraftProperty() {
        return renameDraft;
    }

    /** Why the last rename failed; empty when it did not. */
    public ReadOnlyStringProperty renameErrorProperty() {
        return renameError.getReadOnlyProperty();
    }

    /** Whether a rename is on its way to the server. */
    public ReadOnlyBooleanProperty renameSavingProperty() {
        return renameSaving.getReadOnlyProperty();
    }

    /** Starts renaming a thread, from its current title. */
    public void startRename(ChatSession thread) {
        if (thread == null || renameSaving.get()) {
            return;
        }
        renameError.set("");
        renameDraft.set(thread.title());
        renaming.set(thread.id());
    }

    /**
     * Sends the typed title. On success the row shows the server's title (whitespace collapsed); on failure the
     * field stays open with what was typed and {@link #renameErrorProperty()} says why. Completes with whether it
     * was saved.
     */
    public CompletableFuture<Boolean> commitRename() {
        String id = renaming.get();
        ChatSession thread = find(id);
        if (thread == null || renameSaving.get()) {
            return CompletableFuture.completedFuture(false);
        }
        String title = renameDraft.get() == null ? "" : renameDraft.get();
        if (title.strip().replaceAll("\\s+", " ").equals(thread.title())) {
            cancelRename();
            return CompletableFuture.completedFuture(true);
        }
        String app = appId;
        renameSaving.set(true);
        return CompletableFuture.supplyAsync(() -> client.renameChatSession(app, id, title), io)
                .handleAsync((renamed, failure) -> {
                    renameSaving.set(false);
                    if (failure != null) {
                        renameError.set(Failures.message(failure));
                        return false;
                    }
                    replace(renamed);
                    if (id.equals(renaming.get())) {
                        cancelRename();
                    }
                    return true;
                }, ui);
    }

    /** Leaves the rename without saving. */
    public void cancelRename() {
        if (renameSaving.get()) {
            return;
        }
        renaming.set(null);
        renameError.set("");
    }

    /** "Thread deleted · Undo", or why a delete was refused or failed; empty when there is nothing to say. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Whether Undo can bring a deleted thread back. */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /**
     * Deletes a thread: it leaves the list at once (a shown thread makes way for a new one) and the delete is sent
     * once the undo window has passed. Refused while the shown thread's run is going.
     */
    public void delete(ChatSession thread) {
        if (thread == null || find(thread.id()) == null) {
            return;
        }
        boolean wasShown = thread.id().equals(host.shownId());
        if (wasShown && host.running()) {
            note.set("Stop the run in this thread before deleting it.");
            canUndo.set(false);
            return;
        }
        sendPending();
        if (thread.id().equals(renaming.get())) {
            cancelRename();
        }
        int index = indexOf(thread.id());
        all.remove(index);
        Pending p = new Pending(appId, thread, index, wasShown);
        pending = p;
        note.set("Thread deleted");
        canUndo.set(true);
        if (wasShown) {
            host.newThread();
        }
        time.after(UNDO_WINDOW).execute(() -> ui.execute(() -> {
            if (pending == p) {
                sendPending();
            }
        }));
    }

    /** Brings the last deleted thread back (and shows it again if it was shown); nothing reaches the server. */
    public void undoDelete() {
        Pending p = takePending();
        if (p == null) {
            return;
        }
        restore(p);
        if (p.wasShown()) {
            host.open(p.thread());
        }
    }

    /** The pending delete, no longer pending (its note gone); null when there is none. */
    private Pending takePending() {
        Pending p = pending;
        pending = null;
        if (p != null) {
            note.set("");
            canUndo.set(false);
        }
        return p;
    }

    private void restore(Pending p) {
        if (p.appId().equals(appId) && find(p.thread().id()) == null) {
            all.add(Math.min(p.index(), all.size()), p.thread());
        }
    }

    /** Sends the pending delete, if any; a failure puts the thread back and says why. */
    private void sendPending() {
        Pending p = takePending();
        if (p == null) {
            return;
        }
        CompletableFuture<ChatSession> sent = CompletableFuture.supplyAsync(() ->
                client.deleteChatSession(p.appId(), p.thread().id()), io);
        sending = sent;
        sent.whenCompleteAsync((deleted, failure) -> {
            if (failure == null || Failures.cause(failure) instanceof Errors.NotFoundException) {
                return;
            }
            restore(p);
            note.set("Could not delete “" + p.thread().title() + "”: " + Failures.message(failure));
        }, ui);
    }

    private ChatSession find(String id) {
        int i = indexOf(id);
        return i < 0 ? null : all.get(i);
    }

    private int indexOf(String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private void replace(ChatSession renamed) {
        int i = indexOf(renamed.id());
        if (i >= 0) {
            all.set(i, renamed);
        }
        if (selected.get() != null && selected.get().id().equals(renamed.id())) {
            selected.set(renamed);
        }
    }

    /** The window closes: a pending delete is sent now (waiting a little for it, not for the UI thread). */
    @Override
    public void close() {
        sendPending();
        try {
            sending.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "A thread's delete did not finish before the window closed");
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "A thread's delete failed: " + Failures.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
