package dev.builderdesk.ui.shell;

import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.ui.fx.Failures;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one connection state of the window, shown as the top bar's status item: connecting, connected,
 * reconnecting (attempt n) or offline (why). It is driven by what the window sees — the workspace loading, the
 * followed run's stream dropping and resuming — and by a light health probe ({@code GET /health}): every
 * {@link #keepAlive} while connected, and after each failure with a growing pause, so a server that went away is
 * noticed while nothing streams and one that came back is noticed without the user doing anything.
 *
 * <p>All state changes happen on the UI executor; probes run on the io executor.
 */
public final class ConnectionStatus {
    /** What the status item says. */
    public enum State { CONNECTING, CONNECTED, RECONNECTING, OFFLINE }

    /** After this many failed attempts in a row the window calls itself offline (and keeps probing, slower). */
    static final int ATTEMPTS_BEFORE_OFFLINE = 5;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final String where;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.CONNECTING);
    private final ReadOnlyIntegerWrapper attempt = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("Connecting…");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private Duration keepAlive = Duration.ofSeconds(15);
    private Duration firstPause = Duration.ofSeconds(1);
    private Runnable onBack = () -> { };
    private int probeGeneration;
    private boolean closed;

    ConnectionStatus(RunApiClient client, Executor ui, Executor io, String where) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.where = where;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The failed attempt being retried (1, 2, …) while reconnecting or offline; 0 when connected. */
    public ReadOnlyIntegerProperty attemptProperty() {
        return attempt.getReadOnlyProperty();
    }

    /** The status item's words: "Connected · embedded server", "Reconnecting… (attempt 3)", "Offline: …". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The longer story for the tooltip: which server, the last failure in the user's words. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** Runs when the server answers again after the window was reconnecting or offline. */
    void onBack(Runnable action) {
        this.onBack = action;
    }

    /**
     * How often a connected window checks the server, and the first pause after a failure (doubling up to ten
     * seconds). Tests shorten both; the defaults are 15 s and 1 s.
     */
    public void probeEvery(Duration whileConnected, Duration afterFailure) {
        this.keepAlive = whileConnected;
        this.firstPause = afterFailure;
    }

    /** The workspace loaded: the server answers. */
    void connected() {
        boolean wasDown = state.get() == State.RECONNECTING || state.get() == State.OFFLINE;
        attempt.set(0);
        state.set(State.CONNECTED);
        text.set("Connected · " + where);
        detail.set("The run server at " + client.connection().baseUrl() + " answers.");
        scheduleProbe(keepAlive);
        if (wasDown) {
            onBack.run();
        }
    }

    /** A request or the load failed: reconnecting, or offline at once when retrying cannot help. */
    void failed(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof Errors.UnauthorizedException || cause instanceof Errors.ForbiddenException) {
            goOffline("the server refused this window's token", "Change the token in Settings → Connection.");
            return;
        }
        attempt.set(attempt.get() + 1);
        if (attempt.get() >= ATTEMPTS_BEFORE_OFFLINE) {
            goOffline("the run server does not answer", "Tried " + attempt.get() + " times: "
                    + Failures.message(failure));
        } else {
            state.set(State.RECONNECTING);
            text.set("Reconnecting… (attempt " + attempt.get() + ")");
            detail.set("The run server at " + client.connection().baseUrl() + " does not answer: "
                    + Failures.message(failure));
        }
        scheduleProbe(pauseAfter(attempt.get()));
    }

    /** The followed run's stream dropped and is retrying on its own; the item says so and probes too. */
    void streamReconnecting(int streamAttempt) {
        if (state.get() == State.CONNECTED || state.get() == State.RECONNECTING) {
            attempt.set(Math.max(attempt.get(), streamAttempt));
            state.set(State.RECONNECTING);
            text.set("Reconnecting… (attempt " + attempt.get() + ")");
            scheduleProbe(firstPause);
        }
    }

    /** "Retry now": probe at once, whatever the pause left. */
    public void retryNow() {
        scheduleProbe(Duration.ZERO);
    }

    void close() {
        closed = true;
        probeGeneration++;
    }

    private void goOffline(String why, String more) {
        state.set(State.OFFLINE);
        text.set("Offline: " + why);
        detail.set("Server: " + client.connection().baseUrl() + ". " + more);
    }

    private Duration pauseAfter(int failures) {
        Duration pause = firstPause.multipliedBy(1L << Math.min(failures - 1, 4));
        return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }

    /** One pending probe at a time: a newer schedule replaces the older one. */
    private void scheduleProbe(Duration after) {
        if (closed) {
            return;
        }
        int generation = ++probeGeneration;
        Executor later = CompletableFuture.delayedExecutor(after.toMillis(), TimeUnit.MILLISECONDS, io);
        CompletableFuture.runAsync(() -> { }, later).thenApplyAsync(v -> client.health(), io)
                .handleAsync((health, failure) -> {
                    if (generation != probeGeneration || closed) {
                        return null;
                    }
                    if (failure == null) {
                        connected();
                    } else {
                        failed(failure);
                    }
                    return null;
                }, ui);
    }
}
