package dev.builderdesk.ui.picker;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;

/**
 * The model picker's panel: a search field over a list with sections (Auto, Favourites, Recent, one per provider),
 * context window and "no tools" badges, a ☆ per model; arrow keys + Enter to choose, Esc to close; a search that
 * matches nothing says so and offers Settings. Its width is its own (CSS {@code .model-picker-popup}), never its
 * rows': long names end in an ellipsis. It is a node of the window (placed by {@link ModelPickerOverlay}), not a
 * popup window: popup windows need a compositing window manager and draw as black boxes without one.
 *
 * <p>CSS: {@code picker.css}, installed on the window with the others by {@code ui.fx.Stylesheets}.
 */
public final class ModelPickerPanel extends VBox {
    /** Rows shown before the list scrolls; an empty result keeps room for its message and action. */
    private static final int MAX_ROWS = 10;
    private static final int EMPTY_ROWS = 3;
    /** Until CSS has set {@code -fx-fixed-cell-size}. */
    private static final double FALLBACK_ROW_HEIGHT = 32;
    private final ModelPickerViewModel model;
    private final TextField search = new TextField();
    private final ListView<ModelPickerViewModel.Row> list = new ListView<>();
    private final Label empty = new Label();
    private final Button openSettings = new Button("Add or manage models in Settings");

    public ModelPickerPanel(ModelPickerViewModel model) {
        super(8);
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    /**
     * Shows the picker as it opens: the list at its top (the Auto and Favourites headers in view) with the current
     * model highlighted, and the keyboard in the search field.
     */
    public void showOpened() {
        list.scrollTo(0);
        // Highlighted, yet not scrolled to: a current model further down is reached with the arrow keys.
        select(model.highlightedIndexProperty().get(), false);
        search.requestFocus();
    }

    private void createLayout() {
        setId("model-picker-panel");
        getStyleClass().add("model-picker-popup");
        search.setId("model-picker-search");
        search.setPromptText("Search models, providers…");
        list.setId("model-picker-list");
        list.getStyleClass().add("model-picker-list");
        // The keyboard stays in the search field, also when a row is clicked.
        list.setFocusTraversable(false);
        list.setCellFactory(v -> new ModelPickerCell(model, this::toggleFavourite));
        empty.setId("model-picker-empty");
        empty.getStyleClass().add("model-picker-empty");
        empty.setWrapText(true);
        openSettings.setId("model-picker-open-settings");
        openSettings.getStyleClass().addAll("flat", "accent", "model-picker-open-settings");
        openSettings.setFocusTraversable(false);
        VBox placeholder = new VBox(6, empty, openSettings);
        placeholder.getStyleClass().add("model-picker-placeholder");
        list.setPlaceholder(placeholder);
        Label footer = new Label("↑↓ Enter pick · ☆ favourite · Ctrl+Shift+/ next favourite · Esc close");
        footer.getStyleClass().add("model-picker-footer");
        footer.setWrapText(true);
        getChildren().addAll(search, list, footer);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    }

    private void bindToModel() {
        search.textProperty().bindBidirectional(model.queryProperty());
        list.setItems(model.rows());
        empty.textProperty().bind(model.emptyMessageProperty());
        openSettings.visibleProperty().bind(model.settingsAvailableProperty());
        openSettings.managedProperty().bind(openSettings.visibleProperty());
        // The list's selection shows the highlight; replacing the rows (each keystroke) clears it, so both redo it.
        model.highlightedIndexProperty().subscribe(index -> select(index.intValue(), model.openProperty().get()));
        model.rows().addListener((ListChangeListener<ModelPickerViewModel.Row>) c -> {
            if (!model.queryProperty().get().isBlank()) {
                list.scrollTo(0);
            }
            select(model.highlightedIndexProperty().get(), model.openProperty().get());
        });
        // As tall as its rows, up to a limit, so a short list has no scroll bar and no blank space.
        list.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> {
            int rows = model.rows().isEmpty() ? EMPTY_ROWS : Math.min(MAX_ROWS, model.rows().size());
            double row = list.getFixedCellSize() > 0 ? list.getFixedCellSize() : FALLBACK_ROW_HEIGHT;
            return rows * row + list.getInsets().getTop() + list.getInsets().getBottom();
        }, model.rows(), list.fixedCellSizeProperty(), list.insetsProperty()));
    }

    /**
     * Selects the highlighted row; with {@code reveal}, scrolls only as far as needed to show it (the list's own
     * {@code scrollTo} would put it at the top, hiding the rows and headers above it).
     */
    private void select(int index, boolean reveal) {
        if (index < 0 || index >= list.getItems().size()) {
            list.getSelectionModel().clearSelection();
            return;
        }
        list.getSelectionModel().select(index);
        if (reveal && list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo(index);
        }
    }

    private void wireActions() {
        search.setOnKeyPressed(this::navigate);
        openSettings.setOnAction(e -> model.openSettings());
    }

    private void toggleFavourite(ModelChoice choice) {
        model.toggleFavourite(choice);
        search.requestFocus();
    }

    /** Arrow keys move the highlight, Enter chooses it, Esc closes (the keyboard is always in the search field). */
    private void navigate(KeyEvent e) {
        switch (e.getCode()) {
            case DOWN -> model.move(1);
            case UP -> model.move(-1);
            case ENTER -> model.chooseHighlighted();
            case ESCAPE -> model.close();
            default -> {
                return;
            }
        }
        e.consume();
    }
}
