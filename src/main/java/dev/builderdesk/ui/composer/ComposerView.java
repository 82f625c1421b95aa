package dev.builderdesk.ui.composer;

import dev.builderdesk.ui.picker.ModelPickerButton;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The composer: prompt (Enter sends, Shift+Enter breaks the line), model picker, engine, Send / Stop, errors. */
public final class ComposerView extends VBox {
    private final ComposerViewModel model;
    private final ModelPickerViewModel pickerModel;
    private final TextArea input = new TextArea();
    private final Button send = new Button("Send");
    private final Label error = new Label();
    private final Label notice = new Label();
    private final ChoiceBox<String> engine = new ChoiceBox<>();
    private ModelPickerButton picker;

    public ComposerView(ComposerViewModel model, ModelPickerViewModel pickerModel) {
        this.model = model;
        this.pickerModel = pickerModel;
        createLayout();
        bindToModel();
        wireActions();
    }

    /** The picker button (for the window's Ctrl+/ shortcut). */
    public ModelPickerButton picker() {
        return picker;
    }

    private void createLayout() {
        getStyleClass().add("composer");
        input.setId("composer-input");
        input.setPromptText("Ask for a change… (Enter to send, Shift+Enter for a new line)");
        input.setPrefRowCount(3);
        input.setWrapText(true);
        picker = new ModelPickerButton(pickerModel);
        engine.setId("composer-engine");
        engine.getItems().addAll("native", "opencode");
        send.setId("composer-send");
        send.getStyleClass().add("accent");
        error.setId("composer-error");
        error.getStyleClass().add("composer-error");
        error.setWrapText(true);
        notice.setId("composer-notice");
        notice.getStyleClass().add("composer-notice");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, picker, engine, spacer, send);
        bar.getStyleClass().add("composer-bar");
        getChildren().addAll(error, notice, input, bar);
    }

    private void bindToModel() {
        input.textProperty().bindBidirectional(model.promptProperty());
        engine.valueProperty().bindBidirectional(model.engineProperty());
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        send.textProperty().bind(model.runningProperty().map(r -> r ? "Stop" : "Send"));
        send.disableProperty().bind(model.runningProperty().not().and(model.canSendProperty().not()));
    }

    private void wireActions() {
        send.setOnAction(e -> {
            if (model.runningProperty().get()) {
                model.stop();
            } else {
                model.send();
            }
        });
        input.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
                e.consume();
                model.send();
            } else if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                input.insertText(input.getCaretPosition(), "\n");
            }
        });
    }
}
