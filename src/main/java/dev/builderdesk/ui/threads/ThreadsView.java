package dev.builderdesk.ui.threads;

import dev.builderdesk.protocol.ChatSession;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The rail's threads: a filter field, the list (title and relative time per row; a click or Enter opens a thread,
 * F2 or a double click renames it inline, Delete or the row's menu — right click, Shift+F10 — deletes it), the
 * "Thread deleted · Undo" note, and New thread. One timer for the whole list moves the relative times on while the
 * view is shown.
 */
public final class ThreadsView extends VBox {
    /** How often the relative times are told again. */
    static final Duration TICK = Duration.seconds(30);
    private final ThreadsViewModel model;
    private final TextField filter = new TextField();
    private final ListView<ChatSession> list = new ListView<>();
    private final Label placeholder = new Label();
    private final Label note = new Label();
    private final Hyperlink undo = new Hyperlink("Undo");
    private final HBox noteBar = new HBox(4);
    private final Button newThread = new Button("New thread");
    private final Timeline ticker = new Timeline(new KeyFrame(TICK, e -> tick()));
    private Runnable afterNewThread = () -> { };

    public ThreadsView(ThreadsViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        getStyleClass().add("threads-view");
        setSpacing(6);
        Label title = new Label("THREADS");
        title.getStyleClass().add("rail-title");
        filter.setId("threads-filter");
        filter.setPromptText("Filter threads");
        filter.getStyleClass().add("threads-filter");
        list.setId("threads-list");
        // The rail is a VBox: without these a short window squeezes the threads to a sliver.
        list.setPrefHeight(160);
        list.setMinHeight(80);
        list.setCellFactory(l -> new ThreadCell(model));
        placeholder.setId("threads-placeholder");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("rail-placeholder");
        StackPane empty = new StackPane(placeholder);
        empty.setAlignment(Pos.TOP_LEFT);
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);
        note.setId("threads-note");
        note.setWrapText(true);
        note.setMinWidth(0);
        HBox.setHgrow(note, Priority.ALWAYS);
        undo.setId("threads-undo");
        undo.getStyleClass().add("threads-undo");
        Label dot = new Label("·");
        dot.getStyleClass().add("threads-note-dot");
        dot.visibleProperty().bind(undo.visibleProperty());
        dot.managedProperty().bind(dot.visibleProperty());
        noteBar.getChildren().addAll(note, dot, undo);
        noteBar.setAlignment(Pos.CENTER_LEFT);
        noteBar.setId("threads-note-bar");
        noteBar.getStyleClass().add("threads-note-bar");
        newThread.setId("new-thread");
        newThread.getStyleClass().addAll("flat", "rail-action");
        getChildren().addAll(title, filter, list, noteBar, newThread);
    }

    private void bindToModel() {
        list.setItems(model.shown());
        placeholder.textProperty().bind(model.placeholderProperty());
        filter.textProperty().bindBidirectional(model.filterProperty());
        note.textProperty().bind(model.noteProperty());
        noteBar.visibleProperty().bind(model.noteProperty().isNotEmpty());
        noteBar.managedProperty().bind(noteBar.visibleProperty());
        undo.visibleProperty().bind(model.canUndoProperty());
        undo.managedProperty().bind(undo.visibleProperty());
        model.selectedProperty().subscribe(this::showSelected);
        // After the list has taken the change: its selection model clears the selection of replaced items after
        // this listener ran, so a reopened thread (selected before the list loaded) was never highlighted.
        model.shown().subscribe(() -> Platform.runLater(() -> showSelected(model.selectedProperty().get())));
        ticker.setCycleCount(Animation.INDEFINITE);
        sceneProperty().subscribe(scene -> {
            if (scene == null) {
                ticker.stop();
            } else {
                tick();
                ticker.play();
            }
        });
    }

    /** What the window does once New thread was clicked (e.g. give the prompt the keyboard). */
    public void setOnNewThread(Runnable action) {
        afterNewThread = action;
    }

    /** The list's selection follows the thread the window shows (arrow keys move it until Enter opens one). */
    private void showSelected(ChatSession open) {
        // By id: the thread reopened at launch is fetched on its own, so it need not equal its row in the list.
        int row = -1;
        for (int i = 0; open != null && i < model.shown().size(); i++) {
            if (model.shown().get(i).id().equals(open.id())) {
                row = i;
                break;
            }
        }
        if (row < 0) {
            list.getSelectionModel().clearSelection();
        } else if (list.getSelectionModel().getSelectedIndex() != row) {
            list.getSelectionModel().clearAndSelect(row);
        }
    }

    private void showMenu(ChatSession thread) {
        // By id: a refresh of the list (after a run) brings equal threads as new objects.
        list.lookupAll(".threads-cell").stream()
                .filter(n -> n instanceof ThreadCell cell && cell.isVisible() && !cell.isEmpty()
                        && cell.getItem() != null && cell.getItem().id().equals(thread.id()))
                .findFirst().ifPresent(cell -> ((ThreadCell) cell).showMenu());
    }

    private void tick() {
        model.tick();
    }

    private void wireActions() {
        newThread.setOnAction(e -> {
            model.newThread();
            afterNewThread.run();
        });
        undo.setOnAction(e -> model.undoDelete());
        list.setOnMouseClicked(e -> {
            ChatSession picked = list.getSelectionModel().getSelectedItem();
            if (e.getButton() != MouseButton.PRIMARY || picked == null) {
                return;
            }
            if (e.getClickCount() == 2) {
                if (model.renamingProperty().get() != null) {
                    return; // a double click inside the title field selects a word
                }
                model.startRename(picked);
            } else {
                model.open(picked);
            }
        });
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            ChatSession picked = list.getSelectionModel().getSelectedItem();
            if (picked == null || model.renamingProperty().get() != null) {
                return;
            }
            switch (e.getCode()) {
                case ENTER -> model.open(picked);
                case F2 -> model.startRename(picked);
                // Delete only: a stray Backspace (after Esc left a rename, say) must not remove a thread.
                case DELETE -> model.delete(picked);
                case CONTEXT_MENU -> showMenu(picked);
                case F10 -> {
                    if (!e.isShiftDown()) {
                        return;
                    }
                    showMenu(picked);
                }
                default -> {
                    return;
                }
            }
            e.consume();
        });
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !filter.getText().isEmpty()) {
                e.consume();
                filter.clear();
            } else if (e.getCode() == KeyCode.DOWN && !model.shown().isEmpty()) {
                e.consume();
                list.requestFocus();
                if (list.getSelectionModel().isEmpty()) {
                    list.getSelectionModel().selectFirst();
                }
            }
        });
    }
}
