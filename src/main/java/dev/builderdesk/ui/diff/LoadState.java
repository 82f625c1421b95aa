package dev.builderdesk.ui.diff;

import dev.builderdesk.ui.fx.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Loading, error and the message a screen shows instead of its lines, for {@link DiffViewModel} and
 * {@link FileViewerModel}. Both load the same way (work on io, the answer applied on ui, an answer dropped when a
 * later load has started since), so that bookkeeping and its three properties live here once and the two models
 * expose them unchanged. Like its owners it has no scene graph and is touched on the ui executor only.
 */
final class LoadState {
    private final Executor ui;
    private final Executor io;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private long generation;

    LoadState(Executor ui, Executor io) {
        this.ui = ui;
        this.io = io;
    }

    /**
     * Starts a load that supersedes any earlier one: loading, no error, {@code pending} as the message; then
     * {@code work} on io. On ui, unless a later load has started: not loading, and either {@code shown} with the
     * result (which sets the message it wants) or, on failure, {@code cleared} followed by the error
     * "{@code failedAs}: reason", which is also the message.
     */
    <T> CompletableFuture<Void> load(String pending, Supplier<T> work, Consumer<T> shown, Runnable cleared,
            String failedAs) {
        long mine = ++generation;
        loading.set(true);
        error.set("");
        message.set(pending);
        return CompletableFuture.supplyAsync(work, io)
                .handleAsync((result, failure) -> {
                    if (mine != generation) {
                        return null;
                    }
                    loading.set(false);
                    if (failure != null) {
                        cleared.run();
                        error.set(failedAs + ": " + Failures.message(failure));
                        message.set(error.get());
                    } else {
                        shown.accept(result);
                    }
                    return null;
                }, ui);
    }

    /** Sets what the screen says instead of its lines ("" to show the lines). */
    void say(String text) {
        message.set(text);
    }

    ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
