package dev.builderdesk.ui.inspector;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The run inspector pane on the right: labelled values, then the actions that fit the run's status. */
public final class InspectorView extends VBox {
    private final InspectorViewModel model;
    private final VBox rows = new VBox(6);
    private final Button cancel = new Button("Cancel");
    private final Button resume = new Button("Resume");
    private final Button retry = new Button("Retry");
    private final Button revert = new Button("Revert to this point");
    private final Label empty = new Label("Send a prompt to see its run here.");
    private final Label message = new Label();

    public InspectorView(InspectorViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        setId("inspector");
        getStyleClass().add("inspector");
        setPrefWidth(280);
        Label title = new Label("RUN");
        title.getStyleClass().add("rail-title");
        cancel.setId("inspector-cancel");
        resume.setId("inspector-resume");
        retry.setId("inspector-retry");
        revert.setId("inspector-revert");
        FlowPane actions = new FlowPane(6, 6, cancel, resume, retry, revert);
        empty.getStyleClass().add("timeline-empty");
        empty.setWrapText(true);
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("inspector-scroll");
        message.setId("inspector-message");
        message.setWrapText(true);
        message.getStyleClass().add("composer-notice");
        getChildren().addAll(title, empty, scroll, actions, message);
        setSpacing(10);
    }

    private void bindToModel() {
        empty.visibleProperty().bind(model.runProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());
        model.fields().subscribe(() -> {
            rows.getChildren().clear();
            for (InspectorViewModel.Field f : model.fields()) {
                Label key = new Label(f.label());
                key.getStyleClass().add("timeline-detail-key");
                rows.getChildren().add(new VBox(1, key, f.id() ? idValue(f.value()) : textValue(f.value())));
            }
        });
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        cancel.disableProperty().bind(model.canCancel().not());
        resume.disableProperty().bind(model.canResume().not());
        retry.disableProperty().bind(model.canRetry().not());
        revert.disableProperty().bind(model.canRevert().not());
    }

    private static Label textValue(String text) {
        Label value = new Label(text);
        value.setWrapText(true);
        value.getStyleClass().add("inspector-value");
        return value;
    }

    /** Ids are read-only text fields: selectable and copyable, and long UUIDs do not wrap mid-word. */
    private static TextField idValue(String text) {
        TextField value = new TextField(text);
        value.setEditable(false);
        value.getStyleClass().add("inspector-id");
        return value;
    }

    private void wireActions() {
        cancel.setOnAction(e -> model.cancel());
        resume.setOnAction(e -> model.resume());
        retry.setOnAction(e -> model.retry());
        revert.setOnAction(e -> model.revert());
    }
}
