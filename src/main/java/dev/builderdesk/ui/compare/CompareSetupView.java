package dev.builderdesk.ui.compare;

import dev.builderdesk.ui.picker.ModelChoice;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Before a comparison starts: the prompt, the attempts (2–6 chips, each removable; "Add attempt" lists Auto and the
 * active models, and a model may be added again to see its variance), blind mode, the app's verify command (with
 * a link to where it is set), and Start (Ctrl+Enter).
 */
final class CompareSetupView extends VBox {
    private final CompareViewModel model;
    private final TextArea prompt = new TextArea();
    private final FlowPane chips = new FlowPane(8, 8);
    private final MenuButton add = new MenuButton("Add attempt");
    private final CheckBox blind = new CheckBox("Blind: name the columns Model A, B, … until the verdict is saved");
    private final Button start = new Button("Start comparison");
    private final Label count = new Label();
    private final Label message = new Label();
    private final Label verify = new Label();
    private final Hyperlink verifySettings = new Hyperlink();

    CompareSetupView(CompareViewModel model) {
        super(12);
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    /** The prompt gets the keyboard when the setup shows. */
    void focusPrompt() {
        prompt.requestFocus();
        prompt.positionCaret(prompt.getLength());
    }

    private void createLayout() {
        setId("compare-setup");
        getStyleClass().add("compare-setup");
        setMaxWidth(860);
        setMaxHeight(Region.USE_PREF_SIZE);
        Label heading = new Label("One prompt, several models, side by side");
        heading.getStyleClass().add("modal-title");
        prompt.setId("compare-prompt");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(6);
        prompt.setPromptText("What should every attempt do?");
        Label attempts = new Label("Attempts");
        attempts.getStyleClass().add("compare-section-title");
        add.setId("compare-add-attempt");
        count.getStyleClass().add("compare-hint");
        chips.setId("compare-picks");
        // FlowPane's preferred height assumes 400 px of width; the chips have the card's width beside the button.
        chips.setPrefWrapLength(660);
        blind.setId("compare-blind");
        start.setId("compare-start");
        start.getStyleClass().add("accent");
        start.setDefaultButton(false);
        start.setTooltip(new Tooltip("Start every attempt at once (Ctrl+Enter)"));
        message.getStyleClass().add("compare-error");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(10, count, spacer, start);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox picks = new HBox(10, chips, add);
        HBox.setHgrow(chips, Priority.ALWAYS);
        picks.setAlignment(Pos.TOP_LEFT);
        verify.setId("compare-verify");
        verify.getStyleClass().add("compare-hint");
        verify.setWrapText(true);
        verify.setMinHeight(Region.USE_PREF_SIZE);
        verifySettings.setId("compare-verify-settings");
        // The line wraps; the link beside it stays whole.
        verifySettings.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(verify, Priority.ALWAYS);
        HBox verifyLine = new HBox(6, verify, verifySettings);
        verifyLine.setAlignment(Pos.CENTER_LEFT);
        verifyLine.managedProperty().bind(verifyLine.visibleProperty());
        verifyLine.visibleProperty().bind(verify.textProperty().isNotEmpty());
        getChildren().addAll(heading, prompt, attempts, picks, blind, verifyLine, message, actions);
    }

    private void bindToModel() {
        prompt.textProperty().bindBidirectional(model.promptProperty());
        blind.selectedProperty().bindBidirectional(model.blindProperty());
        start.disableProperty().bind(model.canStartProperty().not());
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        model.verifyProperty().subscribe(v -> {
            verify.setText(v.text());
            verifySettings.setText(v.command() == null ? "Set up…" : "Change…");
        });
        model.picks().addListener((ListChangeListener<ModelChoice>) c -> showPicks());
        model.available().addListener((ListChangeListener<ModelChoice>) c -> showAvailable());
        showPicks();
        showAvailable();
    }

    private void showPicks() {
        chips.getChildren().clear();
        for (int i = 0; i < model.picks().size(); i++) {
            int index = i;
            ModelChoice pick = model.picks().get(i);
            Label name = new Label(pick.name());
            name.setMinWidth(0);
            Button remove = new Button("✕");
            remove.setId("compare-remove-" + i);
            remove.getStyleClass().addAll("flat", "compare-chip-remove");
            remove.setTooltip(new Tooltip("Remove this attempt"));
            remove.setOnAction(e -> model.picks().remove(index));
            HBox chip = new HBox(4, name, remove);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.getStyleClass().add("compare-chip");
            chip.setId("compare-pick-" + i);
            Tooltip.install(chip, new Tooltip(pick.details()));
            chips.getChildren().add(chip);
        }
        if (model.picks().isEmpty()) {
            Label none = new Label("No attempts yet: add 2 to 6 (the same model twice shows its variance).");
            none.getStyleClass().add("compare-hint");
            chips.getChildren().add(none);
        }
        int n = model.picks().size();
        count.setText(n < 2 ? "Pick at least 2 attempts" : n + " attempts · up to 6");
        add.setDisable(n >= 6);
    }

    private void showAvailable() {
        add.getItems().clear();
        for (ModelChoice choice : model.available()) {
            MenuItem item = new MenuItem(choice.name());
            item.setOnAction(e -> {
                if (model.picks().size() < 6) {
                    model.picks().add(choice);
                }
            });
            add.getItems().add(item);
        }
    }

    private void wireActions() {
        start.setOnAction(e -> model.start());
        verifySettings.setOnAction(e -> model.openVerifySettings());
        // A filter: the text area would take Tab as a character and Ctrl+Enter as a newline.
        prompt.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                model.start();
            } else if (e.getCode() == KeyCode.TAB && !e.isShiftDown() && !e.isShortcutDown()) {
                // In a form, Tab goes on to the attempts.
                e.consume();
                add.requestFocus();
            }
        });
    }
}
