package dev.builderdesk.ui.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Find in the thread (Ctrl+F): the rows whose text contains the query (ignoring case) — what the user asked, the
 * answer's blocks, tool labels and targets, notices, outcomes — and which of them is the current one. The matches
 * follow the timeline as it streams; the current match stays the same row while rows are added around it.
 */
public final class TimelineFind {
    private final ObservableList<TimelineItem> items;
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<String> matchKeys = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyKeys = FXCollections.unmodifiableObservableList(matchKeys);
    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper currentKey = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private java.util.function.IntConsumer reveal = index -> { };
    private boolean userStep;

    TimelineFind(ObservableList<TimelineItem> items) {
        this.items = items;
        query.addListener((obs, old, q) -> search(true));
        items.addListener((ListChangeListener<TimelineItem>) c -> {
            if (open.get() && !query.get().isBlank()) {
                search(false);
            }
        });
    }

    /** Whether the find bar is shown. */
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** What the user looks for. */
    public StringProperty queryProperty() {
        return query;
    }

    /** The keys of the matching rows, in timeline order (read-only). */
    public ObservableList<String> matchKeys() {
        return readOnlyKeys;
    }

    /** The index in the timeline of the current match; -1 when there is none. */
    public ReadOnlyIntegerProperty currentIndexProperty() {
        return current.getReadOnlyProperty();
    }

    /** The key of the current match's row; null when there is none. */
    public ReadOnlyStringProperty currentKeyProperty() {
        return currentKey.getReadOnlyProperty();
    }

    /** "3 of 12", "No matches", or empty while the query is empty. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Called with the timeline index of each match the user moves to (the view scrolls it into view). */
    public void onReveal(java.util.function.IntConsumer action) {
        this.reveal = action;
    }

    public void show() {
        open.set(true);
        search(false);
    }

    /** Closes the bar; the highlights go with it, the query stays for the next Ctrl+F. */
    public void hide() {
        open.set(false);
        matchKeys.clear();
        current.set(-1);
        currentKey.set(null);
        summary.set("");
    }

    /** The next match after the current one (wrapping around). */
    public void next() {
        step(1);
    }

    /** The match before the current one (wrapping around). */
    public void previous() {
        step(-1);
    }

    /** Whether {@code item} contains {@code query} (ignoring case) in what its row shows. */
    static boolean matches(TimelineItem item, String query) {
        String needle = query.strip().toLowerCase(Locale.ROOT);
        return !needle.isEmpty() && searchableText(item).toLowerCase(Locale.ROOT).contains(needle);
    }

    /** The words a row shows, as a find looks at them. */
    static String searchableText(TimelineItem item) {
        return switch (item) {
            case TimelineItem.UserTurn u -> u.text();
            case TimelineItem.TurnHeader h -> h.modelLabel();
            case TimelineItem.TextBlock t -> t.markdown();
            case TimelineItem.ToolCall t -> t.label() + " " + t.tool();
            case TimelineItem.ToolGroup g -> g.title() + " " + g.targets();
            case TimelineItem.Thinking t -> "";
            case TimelineItem.Notice n -> n.text();
            // The outcome's own words (a failure's message); its text is the turn's, already searched above.
            case TimelineItem.RunOutcome o -> o.message() == null ? "" : o.message();
            case TimelineItem.RevertMarker m -> m.text();
        };
    }

    private void step(int direction) {
        if (matchKeys.isEmpty()) {
            return;
        }
        int at = matchKeys.indexOf(currentKey.get());
        int next = at < 0 ? (direction > 0 ? 0 : matchKeys.size() - 1)
                : Math.floorMod(at + direction, matchKeys.size());
        // A step always shows its match, even the same one again (the only match, scrolled away from).
        userStep = true;
        try {
            select(matchKeys.get(next), next);
        } finally {
            userStep = false;
        }
    }

    /**
     * Finds the matches again. A new query starts at the first match at or after the current one; rows streaming
     * in keep the current match where it is.
     */
    private void search(boolean newQuery) {
        if (!open.get()) {
            return;
        }
        String q = query.get() == null ? "" : query.get();
        List<String> found = new ArrayList<>();
        int firstAtOrAfter = -1;
        int currentAt = current.get();
        for (int i = 0; i < items.size(); i++) {
            if (matches(items.get(i), q)) {
                if (firstAtOrAfter < 0 && i >= Math.max(0, currentAt)) {
                    firstAtOrAfter = found.size();
                }
                found.add(items.get(i).key());
            }
        }
        matchKeys.setAll(found);
        if (found.isEmpty()) {
            current.set(-1);
            currentKey.set(null);
            summary.set(q.isBlank() ? "" : "No matches");
            return;
        }
        int keep = found.indexOf(currentKey.get());
        if (newQuery || keep < 0) {
            keep = firstAtOrAfter < 0 ? 0 : firstAtOrAfter;
        }
        select(found.get(keep), keep);
    }

    private void select(String key, int position) {
        boolean moved = !key.equals(currentKey.get());
        currentKey.set(key);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).key().equals(key)) {
                current.set(i);
                break;
            }
        }
        summary.set((position + 1) + " of " + matchKeys.size());
        if (moved || userStep) {
            reveal.accept(current.get());
        }
    }
}
