package dev.builderdesk.ui.composer;

import dev.builderdesk.protocol.ExecutionEngine;
import dev.builderdesk.ui.picker.ModelPickerButton;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
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
    private final Button compare = new Button("Compare…");
    private Runnable onCompare = () -> { };
    private final Label error = new Label();
    private final Button fix = new Button();
    private final Button dismiss = new Button("✕");
    private final HBox errorBar = new HBox(10);
    private final Label notice = new Label();
    private final ChoiceBox<ExecutionEngine> engine = new ChoiceBox<>();
    /** The prompt grows with its text up to this share of the window's height, then scrolls. */
    private static final double MAX_HEIGHT_SHARE = 0.4;
    private final Label hint = new Label("Ctrl+/ model · Esc stop · F1 keys");
    private final HBox bar = new HBox(8);
    private ModelPickerButton picker;

    public ComposerView(ComposerViewModel model, ModelPickerViewModel pickerModel) {
        this.model = model;
        this.pickerModel = pickerModel;
        createLayout();
        bindToModel();
        wireActions();
    }

    /** Gives the keyboard to the prompt, the caret where the user left it. */
    public void focusInput() {
        if (input.getScene() != null) {
            input.requestFocus();
            return;
        }
        // Not in the window yet (a split pane adds its panes when its skin is made, at the first pulse): focus it
        // as soon as it is.
        input.sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> obs,
                    javafx.scene.Scene old, javafx.scene.Scene scene) {
                if (scene != null) {
                    input.sceneProperty().removeListener(this);
                    javafx.application.Platform.runLater(input::requestFocus);
                }
            }
        });
    }

    /** Appends {@code text} to the prompt with the caret after it. */
    public void typeIntoInput(String text) {
        input.appendText(text);
        input.end();
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
        input.setMinHeight(Region.USE_PREF_SIZE);
        picker = new ModelPickerButton(pickerModel);
        engine.setId("composer-engine");
        engine.setMaxWidth(Region.USE_PREF_SIZE);
        engine.setMinWidth(Region.USE_PREF_SIZE);
        engine.setPrefWidth(118);
        engine.getItems().addAll(ExecutionEngine.values());
        engine.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExecutionEngine choice) {
                return choice == null ? "" : choice == ExecutionEngine.OPENCODE ? "OpenCode" : "Native";
            }

            @Override
            public ExecutionEngine fromString(String label) {
                return ExecutionEngine.fromWire(label).orElse(ExecutionEngine.NATIVE);
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
        hint.getStyleClass().add("composer-hint");
        // No minimum: the hint gives way (fitHint hides it whole) instead of widening the bar, which pushed the
        // centre under the inspector and cut Send off.
        hint.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        compare.setId("composer-compare");
        compare.setMinWidth(Region.USE_PREF_SIZE);
        compare.setTooltip(new Tooltip(
                "Send this prompt to several models side by side (Ctrl+Shift+Enter)"));
        bar.getChildren().addAll(picker, engine, hint, spacer, compare, send);
        bar.getStyleClass().add("composer-bar");
        // The hint is shown whole or not at all: it goes first when the bar is short of room.
        bar.widthProperty().addListener((obs, old, w) -> fitHint());
        picker.widthProperty().addListener((obs, old, w) -> fitHint());
        getChildren().addAll(errorBar, notice, input, bar);
        growWithThePrompt();
    }

    private void fitHint() {
        double needed = bar.snappedLeftInset() + bar.snappedRightInset() + bar.getSpacing() * 4
                + picker.prefWidth(-1) + engine.prefWidth(-1) + hint.prefWidth(-1) + compare.prefWidth(-1)
                + send.prefWidth(-1);
        boolean fits = needed <= bar.getWidth();
        hint.setVisible(fits);
        hint.setManaged(fits);
    }

    /**
     * The prompt is three rows high until its text needs more, then grows with it up to 40 % of the window
     * (a 2,000-character prompt is read whole, not through a three-line slot).
     */
    private void growWithThePrompt() {
        // Measured on a Text of its own: the text area's inner text is laid out only after this listener runs.
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        javafx.beans.InvalidationListener resize = o -> {
            if (getScene() == null || input.getWidth() <= 0) {
                return;
            }
            measure.setFont(input.getFont());
            // The text area's borders, its content's padding and a scroll bar's room.
            measure.setWrappingWidth(Math.max(40, input.getWidth() - 40));
            measure.setText(input.getText() == null || input.getText().isEmpty() ? " " : input.getText());
            double line = measure.getFont().getSize() * 1.45;
            double threeRows = line * 3 + 24;
            double content = measure.getLayoutBounds().getHeight() + 24;
            double max = Math.max(threeRows, getScene().getHeight() * MAX_HEIGHT_SHARE);
            double height = Math.min(max, Math.max(threeRows, content));
            if (Math.abs(input.getPrefHeight() - height) > 0.5) {
                input.setPrefHeight(height);
            }
        };
        input.textProperty().addListener(resize);
        input.widthProperty().addListener(resize);
        input.fontProperty().addListener(resize);
        // The composer changes scenes when the split re-seats its panes: follow the current scene's height only.
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.heightProperty().removeListener(resize);
            }
            if (scene != null) {
                scene.heightProperty().addListener(resize);
            }
        });
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

    /** What Compare… (and Ctrl+Shift+Enter in the prompt) does: the window opens the Compare screen. */
    public void setOnCompare(Runnable action) {
        this.onCompare = action;
    }

    private void wireActions() {
        compare.setOnAction(e -> onCompare.run());
        send.setOnAction(e -> {
            if (model.runningProperty().get()) {
                model.stop();
            } else {
                model.send();
            }
            input.requestFocus();
        });
        // After an error's action the keyboard is back in the prompt (unless the action opened a screen).
        fix.setOnAction(e -> {
            input.requestFocus();
            model.fix();
        });
        dismiss.setOnAction(e -> {
            model.dismissProblem();
            input.requestFocus();
        });
        // A filter, not a handler: the text area's own Enter binding runs before handlers and would add a newline.
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShiftDown() && e.isShortcutDown()) {
                e.consume();
                onCompare.run();
            } else if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
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
