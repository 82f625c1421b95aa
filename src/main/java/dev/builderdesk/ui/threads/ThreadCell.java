package dev.builderdesk.ui.threads;

import dev.builderdesk.protocol.ChatSession;
import javafx.css.PseudoClass;
import javafx.geometry.Side;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One thread row: its title (ellipsized, full in the tooltip) and when it was last active, or — while it is being
 * renamed — the title field with the reason a rename failed under it. Each cell watches the model's clock, the
 * rename and the shown thread once, so a tick re-renders only the visible rows.
 */
final class ThreadCell extends ListCell<ChatSession> {
    private static final PseudoClass OPEN = PseudoClass.getPseudoClass("open");
    private final ThreadsViewModel model;
    private final Label title = new Label();
    private final Label time = new Label();
    private final HBox row = new HBox(8, title, time);
    private final TextField field = new TextField();
    private final Label error = new Label();
    private final VBox editor = new VBox(4, field, error);
    private final Tooltip tooltip = new Tooltip();
    private final ContextMenu menu = new ContextMenu();
    private boolean editing;

    ThreadCell(ThreadsViewModel model) {
        this.model = model;
        getStyleClass().add("threads-cell");
        title.getStyleClass().add("threads-row-title");
        title.setMinWidth(0);
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        time.getStyleClass().add("threads-row-time");
        time.setMinWidth(USE_PREF_SIZE);
        row.getStyleClass().add("threads-row");
        field.setId("threads-rename");
        field.getStyleClass().add("threads-rename");
        error.setId("threads-rename-error");
        error.getStyleClass().add("threads-rename-error");
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        // Width 0: the list never scrolls sideways, whatever a title's length.
        setPrefWidth(0);

        MenuItem rename = new MenuItem("Rename");
        rename.setId("threads-menu-rename");
        rename.setOnAction(e -> model.startRename(getItem()));
        MenuItem delete = new MenuItem("Delete");
        delete.setId("threads-menu-delete");
        delete.setOnAction(e -> model.delete(getItem()));
        menu.getItems().addAll(rename, delete);
        emptyProperty().subscribe(empty -> setContextMenu(empty ? null : menu));

        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                model.commitRename();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                model.cancelRename();
            }
        });
        // Clicking away keeps a changed title (sent, and kept in the field if it fails) and drops an unchanged one.
        field.focusedProperty().subscribe(focused -> {
            if (!focused && editing && getItem() != null && getItem().id().equals(model.renamingProperty().get())) {
                if (field.getText().equals(getItem().title())) {
                    model.cancelRename();
                } else {
                    model.commitRename();
                }
            }
        });
        model.nowProperty().subscribe(now -> render());
        model.selectedProperty().subscribe(open -> render());
        model.renamingProperty().subscribe(id -> {
            boolean typing = field.isFocused();
            render();
            if (editing) {
                field.requestFocus();
                field.selectAll();
            } else if (typing && getListView() != null) {
                getListView().requestFocus(); // saved or cancelled: the keyboard goes on in the list
            }
        });
    }

    /** Opens the row's menu under it (Shift+F10 or the menu key: the keyboard's right click). */
    void showMenu() {
        menu.show(this, Side.BOTTOM, 16, 0);
    }

    @Override
    protected void updateItem(ChatSession item, boolean empty) {
        super.updateItem(item, empty);
        render();
    }

    private void render() {
        ChatSession item = isEmpty() ? null : getItem();
        boolean renaming = item != null && item.id().equals(model.renamingProperty().get());
        if (renaming != editing) {
            editing = renaming;
            if (renaming) {
                field.textProperty().bindBidirectional(model.renameDraftProperty());
                error.textProperty().bind(model.renameErrorProperty());
                // Not disabled while saving: a disabled field would lose the focus, and the typing with it.
                field.editableProperty().bind(model.renameSavingProperty().not());
            } else {
                field.textProperty().unbindBidirectional(model.renameDraftProperty());
                error.textProperty().unbind();
                error.setText("");
                field.editableProperty().unbind();
                field.setEditable(true);
            }
        }
        ChatSession open = model.selectedProperty().get();
        pseudoClassStateChanged(OPEN, item != null && open != null && open.id().equals(item.id()));
        if (item == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        if (renaming) {
            setGraphic(editor);
            setTooltip(null);
            return;
        }
        title.setText(item.title());
        time.setText(model.timeOf(item));
        tooltip.setText(item.title() + "\n" + model.exactTimeOf(item));
        setTooltip(tooltip);
        setGraphic(row);
    }
}
