package dev.builderdesk.ui.timeline;

import java.util.HashSet;
import java.util.Set;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;

/** The thread timeline: a virtualised list with one cell type, following the newest row while a run streams. */
public final class TimelineView extends StackPane {
    private final TimelineViewModel model;
    private final ListView<TimelineItem> list = new ListView<>();
    private final Label empty = new Label("Ask for a change to your app. The agent's steps appear here.");
    private final Set<String> expanded = new HashSet<>();
    private boolean scrollPending;

    public TimelineView(TimelineViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
    }

    private void createLayout() {
        list.setId("timeline-list");
        list.getStyleClass().add("timeline-list");
        list.setCellFactory(v -> new TimelineCell(expanded, model::select));
        empty.getStyleClass().add("timeline-empty");
        getChildren().addAll(list, empty);
    }

    private void bindToModel() {
        list.setItems(model.items());
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.items()));
        // Follow the newest row, once per pulse however many changes the pulse brought.
        model.items().addListener((ListChangeListener<TimelineItem>) c -> {
            if (!scrollPending) {
                scrollPending = true;
                Platform.runLater(() -> {
                    scrollPending = false;
                    list.scrollTo(model.items().size() - 1);
                });
            }
        });
    }
}
