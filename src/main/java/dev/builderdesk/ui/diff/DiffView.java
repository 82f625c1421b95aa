package dev.builderdesk.ui.diff;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The diff screen: "N files changed +a −b", the changed files (a click scrolls to one), and every file's hunks with
 * old and new line numbers, coloured additions and removals and highlighted code, unified or side by side. Lines are
 * virtualised. Close and Esc call {@link #onCloseProperty()} ({@link ClosableScreen}). Styles: {@code diff.css}.
 */
public final class DiffView extends ClosableScreen {
    static final String STYLESHEET = DiffView.class.getResource("diff.css").toExternalForm();

    private final DiffViewModel model;
    private final CodeMetrics metrics = new CodeMetrics();
    private final Label title = new Label();
    private final Label summary = new Label();
    private final ToggleGroup layouts = new ToggleGroup();
    private final ToggleButton unified = new ToggleButton("Unified");
    private final ToggleButton split = new ToggleButton("Split");
    private final Button close = new Button("Close");
    private final ListView<DiffFile> files = new ListView<>();
    private final DiffLinesView lines = new DiffLinesView(metrics);
    private final SplitPane body = new SplitPane();
    private final Label status = new Label();

    public DiffView(DiffViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    public DiffViewModel model() {
        return model;
    }

    private void createLayout() {
        setId("diff-view");
        getStyleClass().add("diff-view");
        title.getStyleClass().add("diff-title");
        summary.setId("diff-summary");
        summary.getStyleClass().add("diff-summary");
        unified.setId("diff-unified");
        unified.getStyleClass().add(Styles.LEFT_PILL);
        unified.setToggleGroup(layouts);
        split.setId("diff-split");
        split.getStyleClass().add(Styles.RIGHT_PILL);
        split.setToggleGroup(layouts);
        close.setId("diff-close");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, summary, spacer, new HBox(unified, split), close);
        header.getStyleClass().add("diff-header");
        header.setAlignment(Pos.CENTER_LEFT);

        files.setId("diff-files");
        files.getStyleClass().add("diff-files");
        files.setCellFactory(v -> new DiffFiles.Cell());
        files.setMinWidth(160);
        lines.setId("diff-lines");
        VBox.setVgrow(lines, Priority.ALWAYS);
        body.getItems().addAll(files, new VBox(lines, lines.sideScrollBar()));
        body.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(files, false);
        status.getStyleClass().add("diff-status");
        status.setWrapText(true);
        StackPane centre = new StackPane(body, status);
        VBox.setVgrow(centre, Priority.ALWAYS);
        getChildren().addAll(header, centre, metrics.ruler());
    }

    private void bindToModel() {
        title.textProperty().bind(model.titleProperty());
        summary.textProperty().bind(model.summaryProperty());
        files.setItems(model.files());
        lines.setItems(model.rows());
        lines.maxColumnsProperty().bind(model.maxColumnsProperty());
        model.layoutProperty().subscribe(l -> {
            layouts.selectToggle(l == DiffViewModel.Layout.SPLIT ? split : unified);
            lines.setSplit(l == DiffViewModel.Layout.SPLIT);
        });
        status.textProperty().bind(model.messageProperty());
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        model.files().subscribe(() -> {
            lines.forgetHighlights();
            showFileList(model.files().size() > 1);
        });
        showFileList(model.files().size() > 1);
        model.selectedFileProperty().subscribe(file -> {
            if (file != null && files.getSelectionModel().getSelectedItem() != file) {
                files.getSelectionModel().select(file);
            }
        });
    }

    /** A single file needs no list of files. */
    private void showFileList(boolean show) {
        if (show && !body.getItems().contains(files)) {
            body.getItems().addFirst(files);
            body.setDividerPositions(0.24);
        } else if (!show) {
            body.getItems().remove(files);
        }
    }

    private void wireActions() {
        layouts.selectedToggleProperty().subscribe((before, now) -> {
            if (now == null) {
                // A layout is always chosen: clicking the chosen one again keeps it.
                layouts.selectToggle(before);
                return;
            }
            model.layoutProperty().set(now == split ? DiffViewModel.Layout.SPLIT : DiffViewModel.Layout.UNIFIED);
            scrollToSelected();
        });
        files.getSelectionModel().selectedItemProperty().subscribe(file -> {
            if (file != null) {
                model.selectedFileProperty().set(file);
                scrollToSelected();
            }
        });
        wireClose(close, lines);
    }

    private void scrollToSelected() {
        DiffFile file = model.selectedFileProperty().get();
        int row = file == null ? -1 : model.rowOf(file);
        if (row >= 0) {
            lines.scrollTo(row);
        }
    }
}
