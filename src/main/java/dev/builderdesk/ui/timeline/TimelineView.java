package dev.builderdesk.ui.timeline;

import java.util.HashSet;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollToEvent;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;

/**
 * The thread timeline: a virtualised list with one cell type. It follows the end like a chat — only while the
 * user is at the bottom; otherwise it never moves and a "↓ New activity" pill jumps to the end. Reaching the top
 * asks for older runs, and the rows in view stay where they were when those arrive above.
 */
public final class TimelineView extends StackPane {
    private static final double AT_END_SLACK = 24;
    private final TimelineViewModel model;
    private final TimelineActions actions;
    private final ListView<TimelineItem> list = new ListView<>();
    private final Label empty = new Label();
    private final Button newActivity = new Button("↓ New activity");
    private final Set<String> expanded = new HashSet<>();
    private boolean following = true;
    private boolean followPending;
    private boolean dragging;
    private int misses;
    private boolean jumped;
    private boolean wheeled;
    private VirtualFlow<?> cachedFlow;
    private boolean ownScroll;
    private String anchorKey;
    private int anchorIndex;
    private double anchorY;

    public TimelineView(TimelineViewModel model, TimelineActions actions) {
        this.model = model;
        this.actions = actions;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        list.setId("timeline-list");
        list.getStyleClass().add("timeline-list");
        list.setCellFactory(v -> new TimelineCell(model, expanded, actions, model::select));
        empty.getStyleClass().add("timeline-empty");
        // A narrow window wraps the hint rather than cutting it.
        empty.setWrapText(true);
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        empty.maxWidthProperty().bind(widthProperty().subtract(48));
        newActivity.setId("timeline-new-activity");
        newActivity.getStyleClass().addAll("timeline-new-activity", "rounded", "accent");
        newActivity.setVisible(false);
        StackPane.setAlignment(newActivity, Pos.BOTTOM_CENTER);
        newActivity.setTranslateY(-14);
        getChildren().addAll(list, empty, newActivity);
    }

    private void bindToModel() {
        list.setItems(model.items());
        empty.visibleProperty().bind(Bindings.isEmpty(model.items()));
        empty.textProperty().bind(Bindings.when(model.loadingProperty()).then("Loading the thread…")
                .otherwise("Ask for a change to your app. The agent's steps appear here."));
        model.items().addListener((ListChangeListener<TimelineItem>) c -> {
            boolean prepended = false;
            while (c.next()) {
                if (c.wasAdded() && c.getFrom() == 0 && c.getAddedSize() < model.items().size()
                        && !c.wasReplaced()) {
                    prepended = true;
                }
            }
            if (model.items().isEmpty()) {
                following = true;
                newActivity.setVisible(false);
                return;
            }
            if (prepended && !following) {
                return;
            }
            if (following) {
                followSoon();
            } else {
                newActivity.setVisible(true);
            }
        });
    }

    /** Keeps the empty timeline's hint away while {@code condition} holds (the first-run welcome says more). */
    public void hideEmptyHintWhile(javafx.beans.value.ObservableBooleanValue condition) {
        empty.visibleProperty().unbind();
        empty.visibleProperty().bind(Bindings.isEmpty(model.items()).and(Bindings.not(condition)));
    }

    private void wireActions() {
        newActivity.setOnAction(e -> jumpToEnd());
        // Find and the inspector mark rows: re-mark the cells on screen (the others mark themselves when shown).
        Runnable remark = () -> list.lookupAll(".timeline-cell").forEach(n -> {
            if (n instanceof TimelineCell cell) {
                cell.markRow();
            }
        });
        model.find().matchKeys().addListener((javafx.beans.InvalidationListener) o -> remark.run());
        model.find().currentKeyProperty().addListener(o -> remark.run());
        model.inspectedRunIdProperty().addListener(o -> remark.run());
        model.find().onReveal(index -> {
            if (index >= 0) {
                following = false;
                // Show the match with some context above it rather than glued to the top edge.
                list.scrollTo(Math.max(0, index - 1));
            }
        });
        // The list's skin builds the flow and scroll bar this view watches; once, when the first skin is there.
        list.skinProperty().addListener((obs, old, skin) -> {
            cachedFlow = null;
            if (old == null) {
                Platform.runLater(this::watchScrolling);
            }
        });
    }

    /**
     * The user is following the end only while the end is in view, and only the user's own scrolling (wheel,
     * scroll bar, keys) decides that anew: rows growing or being re-measured never do.
     */
    private void watchScrolling() {
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                following = false;
            }
            // Where the wheel left the list is anchored after the next layout, once its rows are measured: an
            // anchor taken before that put the list back where a row's estimated height said (a jump).
            wheeled = true;
            Platform.runLater(this::userScrolled);
        });
        // After the list has moved for the wheel: what the user now reads is the anchor.
        list.addEventHandler(ScrollEvent.SCROLL, e -> reanchor());
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> reanchor());
        // Someone else asked the list to show a row (ListView.scrollTo): stop following, anchor there.
        list.addEventHandler(ScrollToEvent.scrollToTopIndex(), e -> {
            if (!ownScroll) {
                following = false;
                jumped = true;
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            following = false;
            Platform.runLater(this::userScrolled);
        });
        ScrollBar bar = verticalBar();
        if (bar != null) {
            bar.valueProperty().addListener((obs, old, value) -> {
                if (dragging) {
                    reanchor();
                }
            });
            bar.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
                following = false;
                dragging = true;
            });
            bar.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
                dragging = false;
                Platform.runLater(this::userScrolled);
            });
        }
        // Rows re-measure after they show (a table settles a frame late, a theme changes fonts): while the user
        // follows the end, keep the end in view after every layout.
        Runnable afterLayout = this::keepFollowing;
        if (getScene() != null) {
            getScene().addPostLayoutPulseListener(afterLayout);
        }
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(afterLayout);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(afterLayout);
            }
        });
    }

    /**
     * After each layout: while following, bring the end back into view if rows grew; otherwise keep the anchored
     * row where the user left it (or, after a jump to a row, anchor there).
     */
    private void keepFollowing() {
        VirtualFlow<?> flow = flow();
        if (followPending || model.items().isEmpty() || flow == null || flow.getLastVisibleCell() == null) {
            return;
        }
        boolean wheeledNow = wheeled;
        wheeled = false;
        if (!following) {
            // After a jump to a row, what is in view is the new anchor; otherwise rows that streamed in or were
            // re-measured must not move what the user reads.
            if (jumped || wheeledNow) {
                jumped = false;
                anchor(flow);
            } else {
                keepAnchor(flow);
            }
            return;
        }
        if (!atEnd() && !revealGrownEnd(flow)) {
            followSoon();
        }
    }

    /**
     * The last row is in view and only grew: scrolling by what it grew, now, shows its end in this very pulse —
     * a jump to the row would re-lay and re-render the cells in view on every streamed delta.
     */
    private boolean revealGrownEnd(VirtualFlow<?> flow) {
        int last = model.items().size() - 1;
        if (flow.getVisibleCell(last) == null) {
            return false;
        }
        showEndOf(flow, last);
        return atEnd();
    }

    private void reanchor() {
        VirtualFlow<?> flow = flow();
        if (!following && flow != null) {
            anchor(flow);
        }
    }

    /** Remembers the first row in view and where it sits, so growth below never moves what the user reads. */
    private void anchor(VirtualFlow<?> flow) {
        IndexedCell<?> first = flow.getFirstVisibleCell();
        if (first != null && first.getIndex() >= 0 && first.getIndex() < model.items().size()) {
            anchorKey = model.items().get(first.getIndex()).key();
            anchorIndex = first.getIndex();
            anchorY = first.getLayoutY();
        }
    }

    /**
     * The list keeps its scroll position as a fraction of an estimated total height, so rows streaming in below
     * would shift the rows in view; put the remembered row back where it was.
     */
    private void keepAnchor(VirtualFlow<?> flow) {
        if (anchorKey == null) {
            return;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        int index = indexOfAnchor();
        if (index < 0 || first == null) {
            return;
        }
        if (first.getIndex() != index || Math.abs(first.getLayoutY() - anchorY) > 0.5) {
            flow.scrollToTop(index);
            flow.scrollPixels(-anchorY);
        }
    }

    private int indexOfAnchor() {
        var items = model.items();
        for (int d = 0; d < items.size(); d++) {
            for (int i : new int[] {anchorIndex + d, anchorIndex - d}) {
                if (i >= 0 && i < items.size() && items.get(i).key().equals(anchorKey)) {
                    anchorIndex = i;
                    return i;
                }
            }
        }
        return -1;
    }

    private void userScrolled() {
        following = atEnd();
        VirtualFlow<?> flow = flow();
        if (following) {
            newActivity.setVisible(false);
            anchorKey = null;
        }
        // At the top: older runs go above, and the anchor keeps the rows in view where they are.
        if (flow != null && flow.getFirstVisibleCell() != null && flow.getFirstVisibleCell().getIndex() == 0) {
            model.wantOlder();
        }
    }

    /** Whether the end of the last row is in view (or nearly). */
    private boolean atEnd() {
        VirtualFlow<?> flow = flow();
        if (flow == null || model.items().isEmpty()) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (last == null || last.getIndex() < model.items().size() - 1) {
            return false;
        }
        double bottom = last.getLayoutY() + last.getHeight();
        return bottom <= flow.getHeight() + AT_END_SLACK;
    }

    private void jumpToEnd() {
        following = true;
        anchorKey = null;
        newActivity.setVisible(false);
        followSoon();
    }

    /** Brings the end of the last row into view, once per pulse however many changes the pulse brought. */
    private void followSoon() {
        if (followPending) {
            return;
        }
        followPending = true;
        Platform.runLater(() -> {
            followPending = false;
            int last = model.items().size() - 1;
            if (last < 0 || !following) {
                return;
            }
            VirtualFlow<?> shown = flow();
            if (shown != null && revealGrownEnd(shown)) {
                misses = 0;
                return;
            }
            ownScroll = true;
            list.scrollTo(last);
            ownScroll = false;
            VirtualFlow<?> flow = flow();
            if (flow != null) {
                list.layout();
                // A jump lands where the rows' estimated heights say; scrolling "past the end" then clamps to the
                // real end, and a last row taller than the view shows its bottom.
                flow.scrollPixels(Double.MAX_VALUE / 4);
                showEndOf(flow, last);
            }
            // Only a follow that reached the end sets the mark; one that did not is tried again after the next
            // layout (the rows it jumped to may not have been built yet).
            if (atEnd()) {
                misses = 0;
            } else if (++misses < 20) {
                // Nothing else may ask for a pulse (the stream may have ended): ask for one to try again.
                list.requestLayout();
            }
        });
    }

    /** Aligns the bottom of row {@code index} with the bottom of the view (a tall row shows its end). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void showEndOf(VirtualFlow flow, int index) {
        IndexedCell cell = flow.getVisibleCell(index);
        if (cell != null && cell.getLayoutY() + cell.getHeight() > flow.getHeight()) {
            flow.scrollPixels(cell.getLayoutY() + cell.getHeight() - flow.getHeight());
        }
    }

    /** The list's flow, looked up once per skin (this runs after every layout). */
    private VirtualFlow<?> flow() {
        if (cachedFlow == null && list.lookup(".virtual-flow") instanceof VirtualFlow<?> f) {
            cachedFlow = f;
        }
        return cachedFlow;
    }

    private ScrollBar verticalBar() {
        for (var node : list.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                return bar;
            }
        }
        return null;
    }
}
