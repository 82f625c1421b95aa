package dev.builderdesk.ui.compare;

import dev.builderdesk.protocol.Verdict;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The verdict: which attempt won (or a tie, or "all bad"), notes, and Save. The 1–5 ratings sit in the columns'
 * footers. A saved verdict shows what was saved; a blind comparison is revealed by it.
 */
final class VerdictBar extends HBox {
    private final CompareViewModel model;
    private final ToggleGroup winner = new ToggleGroup();
    private final FlowPane choices = new FlowPane(10, 4);
    private final TextField notes = new TextField();
    private final Button save = new Button("Save verdict");
    private final Label saved = new Label();
    private boolean syncing;

    VerdictBar(CompareViewModel model) {
        super(10);
        this.model = model;
        createLayout();
        bindToModel();
    }

    private void createLayout() {
        setId("compare-verdict");
        getStyleClass().add("compare-verdict");
        setAlignment(Pos.CENTER_LEFT);
        Label heading = new Label("Verdict");
        heading.getStyleClass().add("compare-section-title");
        heading.setMinWidth(USE_PREF_SIZE);
        choices.setAlignment(Pos.CENTER_LEFT);
        // One line where the window has the room (a FlowPane's preferred width assumes 400 px); it wraps only when
        // the bar is narrower than its choices, and the notes give way first.
        choices.setPrefWrapLength(2000);
        notes.setId("compare-notes");
        notes.setPromptText("Notes (why this one)");
        notes.setPrefColumnCount(24);
        notes.setMinWidth(240);
        notes.setMaxWidth(560);
        HBox.setHgrow(notes, Priority.ALWAYS);
        save.setId("compare-save-verdict");
        save.getStyleClass().add("accent");
        save.setMinWidth(USE_PREF_SIZE);
        saved.getStyleClass().add("compare-saved");
        saved.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(heading, choices, notes, save, saved);
    }

    private void bindToModel() {
        notes.textProperty().bindBidirectional(model.notesProperty());
        save.disableProperty().bind(model.canSaveVerdictProperty().not());
        save.setOnAction(e -> model.saveVerdict());
        model.columns().addListener((ListChangeListener<AttemptColumn>) c -> rebuild());
        winner.selectedToggleProperty().subscribe(t -> {
            if (!syncing) {
                model.choiceProperty().set(t == null ? null : (String) t.getUserData());
            }
        });
        model.choiceProperty().subscribe(this::select);
        model.groupProperty().subscribe(g -> saved.setText(g == null || g.verdict() == null ? ""
                : "Saved ✓"));
    }

    private void rebuild() {
        winner.getToggles().clear();
        choices.getChildren().clear();
        for (AttemptColumn column : model.columns()) {
            RadioButton option = option(column.runId(), "compare-winner-" + (column.letter() == null
                    ? column.runId() : column.letter()));
            option.textProperty().bind(column.titleProperty().map(t -> t + " wins"));
        }
        option(Verdict.TIE, "compare-tie").setText("Tie");
        option(Verdict.ALL_BAD, "compare-all-bad").setText("All bad");
        select(model.choiceProperty().get());
    }

    private RadioButton option(String value, String id) {
        RadioButton option = new RadioButton();
        option.setId(id);
        option.setUserData(value);
        option.setToggleGroup(winner);
        option.setMinWidth(USE_PREF_SIZE);
        choices.getChildren().add(option);
        return option;
    }

    private void select(String value) {
        syncing = true;
        try {
            Toggle match = winner.getToggles().stream().filter(t -> t.getUserData().equals(value)).findFirst()
                    .orElse(null);
            winner.selectToggle(match);
        } finally {
            syncing = false;
        }
    }
}
