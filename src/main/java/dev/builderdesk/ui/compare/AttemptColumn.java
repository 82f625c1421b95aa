package dev.builderdesk.ui.compare;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.ui.timeline.ThreadViewModel;
import java.util.concurrent.Executor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * One attempt of a comparison as its column shows it: the attempt's run, its title ("Model A" while blind mode hides
 * the models), and its rows — a one-run thread, so a column streams, replays and stops exactly like a thread of the
 * workspace. The rating is the user's 1–5 for the verdict (0: not rated).
 */
public final class AttemptColumn implements AutoCloseable {
    private final String runId;
    private final String letter;
    private final ThreadViewModel thread;
    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final IntegerProperty rating = new SimpleIntegerProperty();

    AttemptColumn(RunApiClient client, Executor ui, Executor io, Run attempt, String letter) {
        this.runId = attempt.runId();
        this.letter = letter;
        this.thread = new ThreadViewModel(client, ui, io);
        run.set(attempt);
    }

    public String runId() {
        return runId;
    }

    /** "A", "B", … (null when the server gave no letters). */
    public String letter() {
        return letter;
    }

    /** The column's rows and the stream that fills them. */
    public ThreadViewModel thread() {
        return thread;
    }

    /** The attempt as last read from the server (its status, metrics and checkpoint). */
    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    void setRun(Run latest) {
        run.set(latest);
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    void setTitle(String text) {
        title.set(text);
    }

    /** The user's rating of this attempt, 1–5; 0 while not rated. */
    public IntegerProperty ratingProperty() {
        return rating;
    }

    /** The attempt's status as the server last said it. */
    public RunStatus status() {
        Run r = run.get();
        try {
            return RunStatus.fromWire(r.status());
        } catch (IllegalArgumentException | NullPointerException e) {
            return RunStatus.FAILED;
        }
    }

    /** Whether the attempt left a result to apply (an attempt that changed nothing has no checkpoint). */
    public boolean hasResult() {
        return run.get().checkpointRevisionId() != null;
    }

    @Override
    public void close() {
        thread.close();
    }
}
