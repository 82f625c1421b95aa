package dev.builderdesk.ui.timeline;

import dev.builderdesk.client.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rows of the shown thread: one {@link RunTurn} per run, oldest first, plus revert markers, flattened into one
 * observable list for the virtualised view. Live runs change only their own turn's rows; older turns, replayed off
 * the UI thread, are inserted above in one change. {@code olderRuns} counts the runs not loaded yet (the view asks
 * for them when the user scrolls to the top).
 */
public final class TimelineViewModel {
    private final ObservableList<TimelineItem> items = FXCollections.observableArrayList();
    private final ObservableList<TimelineItem> readOnly = FXCollections.unmodifiableObservableList(items);
    private final List<Part> parts = new ArrayList<>();
    private final ReadOnlyIntegerWrapper olderRuns = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private Consumer<String> runSelected = id -> { };
    private Runnable olderWanted = () -> { };
    private Consumer<TimelineItem.RevertMarker> undoRevert = m -> { };
    private final TimelineFind find = new TimelineFind(readOnly);
    private final javafx.beans.property.StringProperty inspectedRunId =
            new javafx.beans.property.SimpleStringProperty();
    private Function<String, String> fixedLabels = runId -> null;

    public ObservableList<TimelineItem> items() {
        return readOnly;
    }

    /** The run the inspector shows: its turn is highlighted. */
    public javafx.beans.property.StringProperty inspectedRunIdProperty() {
        return inspectedRunId;
    }

    /** Find in the thread: the query, its matching rows and the current one. */
    public TimelineFind find() {
        return find;
    }

    /**
     * Names the turns of some runs whatever their events say: {@code labelOf} gives a run id's header, or null to
     * let the run name its model (a comparison column shows "Model A" while blind mode hides the models).
     */
    public void fixLabels(Function<String, String> labelOf) {
        this.fixedLabels = labelOf;
    }

    private RunTurn newTurn(String runId, String prompt, String modelLabel, TurnPart part) {
        String fixed = fixedLabels.apply(runId);
        return fixed != null ? new RunTurn(runId, prompt, fixed, part, true)
                : new RunTurn(runId, prompt, modelLabel, part);
    }

    public void clear() {
        parts.clear();
        items.clear();
        olderRuns.set(0);
    }

    /** Whether the shown thread's history is being read (the empty timeline says so instead of inviting a prompt). */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    /** Runs of the thread above the first shown one, not loaded yet. */
    public ReadOnlyIntegerProperty olderRunsProperty() {
        return olderRuns.getReadOnlyProperty();
    }

    void setOlderRuns(int count) {
        olderRuns.set(count);
    }

    /** Told when the user reached the top and older runs exist. */
    public void onOlderWanted(Runnable action) {
        this.olderWanted = action;
    }

    /** The view reached the first row. */
    public void wantOlder() {
        if (olderRuns.get() > 0) {
            olderWanted.run();
        }
    }

    /** Told when Undo is clicked on a revert marker. */
    void onUndoRevert(Consumer<TimelineItem.RevertMarker> action) {
        this.undoRevert = action;
    }

    /** Undo on a revert marker. */
    public void undoRevert(TimelineItem.RevertMarker marker) {
        undoRevert.accept(marker);
    }

    /** Told with a run id when the user clicks one of its turns. */
    public void onRunSelected(Consumer<String> action) {
        this.runSelected = action;
    }

    /** The user clicked a row: a user turn selects its run. */
    public void select(TimelineItem item) {
        if (item instanceof TimelineItem.UserTurn turn && turn.runId() != null) {
            runSelected.accept(turn.runId());
        }
    }

    /** A run to show as it streams (its events then go to {@link #apply}). */
    public void begin(String runId, String prompt, String modelLabel) {
        startTurn(runId, prompt, modelLabel);
    }

    /** A run to show as it streams: its turn goes at the end, with "Thinking…" until its first step. */
    RunTurn startTurn(String runId, String prompt, String modelLabel) {
        TurnPart part = new TurnPart();
        part.turn = newTurn(runId, prompt, modelLabel, part);
        parts.add(part);
        items.addAll(part.turn.rows());
        part.attached = true;
        return part.turn;
    }

    /** The turn of a run, if shown. */
    RunTurn turn(String runId) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (parts.get(i) instanceof TurnPart t && t.turn.runId().equals(runId)) {
                return t.turn;
            }
        }
        return null;
    }

    /** Applies a batch of one run's events to its turn (ignored if the run is not shown any more). */
    public void apply(String runId, List<RunEvent> batch) {
        RunTurn turn = turn(runId);
        if (turn != null) {
            turn.apply(batch);
        }
    }

    /** A detached turn, built off the UI thread from a replayed log; {@link #prepend} shows it. */
    RunTurn replayed(String runId, String prompt, String modelLabel, List<RunEvent> events) {
        TurnPart part = new TurnPart();
        part.turn = newTurn(runId, prompt, modelLabel, part);
        part.turn.apply(events);
        return part.turn;
    }

    /** Shows turns built off the UI thread above the ones shown, in one change of the list. */
    void prepend(List<RunTurn> older) {
        List<TimelineItem> rows = new ArrayList<>();
        List<Part> added = new ArrayList<>();
        for (RunTurn turn : older) {
            TurnPart part = (TurnPart) turn.sink();
            part.attached = true;
            added.add(part);
            rows.addAll(turn.rows());
        }
        parts.addAll(0, added);
        items.addAll(0, rows);
    }

    /** Adds a revert marker at the end, or replaces the one with the same id. */
    void marker(TimelineItem.RevertMarker marker) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof MarkerPart m && m.marker.id().equals(marker.id())) {
                m.marker = marker;
                items.set(offset(m), marker);
                return;
            }
        }
        MarkerPart part = new MarkerPart(marker);
        parts.add(part);
        items.add(marker);
    }

    private int offset(Part part) {
        int offset = 0;
        for (Part p : parts) {
            if (p == part) {
                return offset;
            }
            offset += p.size();
        }
        return -1;
    }

    private sealed interface Part permits TurnPart, MarkerPart {
        int size();
    }

    /** A turn's rows inside the flat list: local indexes become list indexes once the turn is shown. */
    final class TurnPart implements Part, RunTurn.Rows {
        private RunTurn turn;
        private boolean attached;

        @Override
        public int size() {
            return turn.size();
        }

        @Override
        public void add(int index, TimelineItem item) {
            if (attached) {
                items.add(offset(this) + index, item);
            }
        }

        @Override
        public void set(int index, TimelineItem item) {
            if (attached) {
                items.set(offset(this) + index, item);
            }
        }

        @Override
        public void remove(int index) {
            if (attached) {
                items.remove(offset(this) + index);
            }
        }
    }

    private static final class MarkerPart implements Part {
        private TimelineItem.RevertMarker marker;

        MarkerPart(TimelineItem.RevertMarker marker) {
            this.marker = marker;
        }

        @Override
        public int size() {
            return 1;
        }
    }
}
