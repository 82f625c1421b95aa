package dev.builderdesk.ui.composer;

import dev.builderdesk.ui.picker.ModelPickerButton;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The composer: prompt (Enter sends, Shift+Enter breaks the line, Esc stops), model picker, engine, Send / Stop,
 * and the error bar with the action that fixes the error.
 */
public final class ComposerView extends VBox {
    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");

    private final ComposerViewModel model;
    private final ModelPickerViewModel pickerModel;
    private final TextArea input = new TextArea();
    private final Button send = new Button("Send");
    private final Label error = new Label();
    private final Button fix = new Button();
    private final Button dismiss = new Button("✕");
    private final HBox errorBar = new HBox(10);
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

    /** The picker button (the picker opens above it). */
    public ModelPickerButton picker() {
        return picker;
    }

    private void createLayout() {
        getStyleClass().add("composer");
        input.setId("composer-input");
        input.setPromptText("Ask for a change…  (Enter sends · Shift+Enter new line)");
        input.setPrefRowCount(3);
        input.setWrapText(true);
        picker = new ModelPickerButton(pickerModel);
        engine.setId("composer-engine");
        engine.setMaxWidth(Region.USE_PREF_SIZE);
        engine.getItems().addAll("native", "opencode");
        engine.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : id.equals("opencode") ? "OpenCode" : "Native";
            }

            @Override
            public String fromString(String label) {
                return label.toLowerCase(java.util.Locale.ROOT);
            }
        });
        send.setId("composer-send");
        send.getStyleClass().add("composer-send");
        send.setMinWidth(Region.USE_PREF_SIZE);
        error.setId("composer-error");
        error.getStyleClass().add("composer-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(error, Priority.ALWAYS);
        fix.setId("composer-error-action");
        fix.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setId("composer-error-dismiss");
        dismiss.getStyleClass().addAll("flat", "composer-error-dismiss");
        errorBar.getChildren().addAll(error, fix, dismiss);
        errorBar.getStyleClass().add("composer-error-bar");
        notice.setId("composer-notice");
        notice.getStyleClass().add("composer-notice");
        Label hint = new Label("Ctrl+/ model · Esc stop");
        hint.getStyleClass().add("composer-hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, picker, engine, hint, spacer, send);
        bar.getStyleClass().add("composer-bar");
        getChildren().addAll(errorBar, notice, input, bar);
    }

    private void bindToModel() {
        input.textProperty().bindBidirectional(model.promptProperty());
        engine.valueProperty().bindBidirectional(model.engineProperty());
        error.textProperty().bind(model.problemProperty().map(Problem::message));
        fix.textProperty().bind(model.problemProperty().map(p -> p.fix().label()));
        fix.visibleProperty().bind(model.problemProperty().map(p -> p.fix() != Problem.Fix.NONE));
        fix.managedProperty().bind(fix.visibleProperty());
        errorBar.visibleProperty().bind(model.problemProperty().map(p -> !p.isEmpty()));
        errorBar.managedProperty().bind(errorBar.visibleProperty());
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        send.textProperty().bind(model.runningProperty().map(r -> r ? "■  Stop" : "Send"));
        model.runningProperty().subscribe(r -> send.pseudoClassStateChanged(RUNNING, r));
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
        fix.setOnAction(e -> model.fix());
        dismiss.setOnAction(e -> model.dismissProblem());
        // A filter, not a handler: the text area's own Enter binding runs before handlers and would add a newline.
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
                e.consume();
                model.send();
            } else if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                input.insertText(input.getCaretPosition(), "\n");
            } else if (e.getCode() == KeyCode.ESCAPE && model.runningProperty().get()) {
                e.consume();
                model.stop();
            }
        });
    }
}
