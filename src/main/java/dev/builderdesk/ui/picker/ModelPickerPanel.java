package dev.builderdesk.ui.picker;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The model picker's panel: a search field over a list with sections (Auto, Favourites, Recent, one per provider),
 * context window and "no tools" badges, a ☆ per model; arrow keys + Enter to choose, Esc to close. It is a node of
 * the window (placed by {@link ModelPickerOverlay}), not a popup window: popup windows need a compositing window
 * manager and draw as black boxes without one.
 */
public final class ModelPickerPanel extends VBox {
    private static final double ROW_HEIGHT = 40;
    private static final double MAX_LIST_HEIGHT = 360;
    private final ModelPickerViewModel model;
    private final TextField search = new TextField();
    private final ListView<ModelPickerViewModel.Row> list = new ListView<>();

    public ModelPickerPanel(ModelPickerViewModel model) {
        super(8);
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    /** Puts the keyboard in the search field (when the picker opens). */
    public void focusSearch() {
        search.requestFocus();
    }

    private void createLayout() {
        setId("model-picker-panel");
        search.setId("model-picker-search");
        search.setPromptText("Search models, providers…");
        list.setId("model-picker-list");
        list.setPrefWidth(380);
        list.setCellFactory(v -> new RowCell());
        Label footer = new Label("↑↓ move · Enter pick · ☆ favourite · Ctrl+Shift+/ cycle favourites · Esc close");
        footer.getStyleClass().add("model-picker-footer");
        getChildren().addAll(search, list, footer);
        getStyleClass().add("model-picker-popup");
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    }

    private void bindToModel() {
        search.textProperty().bindBidirectional(model.queryProperty());
        list.setItems(model.rows());
        // The list's selection shows the highlight; replacing the rows (each keystroke) clears it, so both redo it.
        model.highlightedProperty().subscribe(choice -> showHighlight());
        model.rows().addListener((ListChangeListener<ModelPickerViewModel.Row>) c -> showHighlight());
        // The list is as tall as its rows, up to a limit.
        list.prefHeightProperty().bind(Bindings.size(model.rows()).map(n -> Math.min(MAX_LIST_HEIGHT,
                Math.max(1, n.intValue()) * ROW_HEIGHT + 4)));
    }

    private void showHighlight() {
        model.rows().stream().filter(r -> r instanceof ModelPickerViewModel.Row.Choice c
                && c.choice().equals(model.highlightedProperty().get())).findFirst().ifPresent(r -> {
                    list.getSelectionModel().select(r);
                    list.scrollTo(r);
                });
    }

    private void wireActions() {
        search.setOnKeyPressed(this::navigate);
        list.setOnMouseClicked(e -> {
            if (list.getSelectionModel().getSelectedItem() instanceof ModelPickerViewModel.Row.Choice c) {
                model.choose(c.choice());
            }
        });
        list.setOnKeyPressed(this::navigate);
    }

    /** Arrow keys move the highlight, Enter chooses it, Esc closes — from the search field or the list. */
    private void navigate(KeyEvent e) {
        switch (e.getCode()) {
            case DOWN -> model.move(1);
            case UP -> model.move(-1);
            case ENTER -> {
                model.chooseHighlighted();
            }
            case ESCAPE -> model.close();
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** The favourite toggle of a row: a click stars or unstars the model without choosing it. */
    private Label star(ModelChoice choice) {
        Label star = new Label(model.isFavourite(choice.id()) ? "★" : "☆");
        star.setId("model-picker-star-" + choice.id());
        star.getStyleClass().add("model-picker-star");
        star.setOnMouseClicked(e -> {
            e.consume();
            model.toggleFavourite(choice);
            search.requestFocus();
        });
        return star;
    }

    /** A header row or a model row with its badges. */
    private final class RowCell extends ListCell<ModelPickerViewModel.Row> {
        @Override
        protected void updateItem(ModelPickerViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("model-picker-header", "model-picker-row");
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            switch (row) {
                case ModelPickerViewModel.Row.Header h -> {
                    getStyleClass().add("model-picker-header");
                    setGraphic(new Label(h.title().toUpperCase(java.util.Locale.ROOT)));
                }
                case ModelPickerViewModel.Row.Choice c -> {
                    getStyleClass().add("model-picker-row");
                    boolean chosen = c.choice().equals(model.selectedProperty().get());
                    Label name = new Label((chosen ? "✓ " : "") + c.choice().name());
                    name.getStyleClass().add("model-picker-name");
                    Label provider = new Label(c.choice().isAuto() ? model.autoHintProperty().get()
                            : c.choice().provider());
                    provider.getStyleClass().add("model-picker-provider");
                    Region spacer = new Region();
                    HBox.setHgrow(spacer, Priority.ALWAYS);
                    HBox line = new HBox(8, name, provider, spacer);
                    line.setAlignment(Pos.CENTER_LEFT);
                    if (c.choice().contextWindow() != null) {
                        Label ctx = new Label((c.choice().contextWindow() / 1000) + "k");
                        ctx.getStyleClass().add("model-picker-badge");
                        line.getChildren().add(ctx);
                    }
                    if (!c.choice().supportsTools()) {
                        Label noTools = new Label("no tools");
                        noTools.getStyleClass().addAll("model-picker-badge", "model-picker-badge-warn");
                        line.getChildren().add(noTools);
                    }
                    if (!c.choice().isAuto()) {
                        line.getChildren().add(star(c.choice()));
                    }
                    setGraphic(line);
                }
            }
        }
    }
}
