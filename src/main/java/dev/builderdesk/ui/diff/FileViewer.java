package dev.builderdesk.ui.diff;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A file of the draft, read-only: its path, its lines numbered and highlighted (virtualised, no wrapping, scrolling
 * sideways), lines the last run added marked in the gutter, and "Changes from the last run"
 * ({@code file-changes-toggle}) to see that run's diff of the file instead. Close and Esc call
 * {@link #onCloseProperty()} ({@link ClosableScreen}). Styles: {@code diff.css}.
 */
public final class FileViewer extends ClosableScreen {
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    private final FileViewerModel model;
    private final CodeMetrics metrics = new CodeMetrics();
    private final Label path = new Label();
    private final Label meta = new Label();
    private final ToggleButton changes = new ToggleButton("Changes from the last run");
    private final Button close = new Button("Close");
    private final ListView<FileViewerModel.CodeLine> code = new ListView<>();
    private final DiffLinesView diff = new DiffLinesView(metrics);
    private final ObservableList<DiffRow> diffRows = FXCollections.observableArrayList();
    private final Label status = new Label();
    private final DoubleBinding gutterWidth = Bindings.createDoubleBinding(
            () -> 6 * metrics.charWidthProperty().get(), metrics.charWidthProperty());
    private DoubleBinding codeWidth;

    public FileViewer(FileViewerModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    public FileViewerModel model() {
        return model;
    }

    private void createLayout() {
        setId("file-viewer");
        getStyleClass().addAll("diff-view", "file-viewer");
        path.getStyleClass().add("diff-title");
        path.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        meta.getStyleClass().add("diff-summary");
        meta.setMinWidth(Region.USE_PREF_SIZE);
        changes.setId("file-changes-toggle");
        close.setId("file-viewer-close");
        close.setMinWidth(Region.USE_PREF_SIZE);
        changes.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, path, meta, spacer, changes, close);
        header.getStyleClass().add("diff-header");
        header.setAlignment(Pos.CENTER_LEFT);
        code.setId("file-viewer-lines");
        code.getStyleClass().addAll("diff-lines", "file-viewer-lines");
        codeWidth = Bindings.createDoubleBinding(
                () -> (model.maxColumnsProperty().get() + 2) * metrics.charWidthProperty().get(),
                model.maxColumnsProperty(), metrics.charWidthProperty());
        code.setCellFactory(v -> new LineCell());
        diff.setId("file-viewer-diff");
        diff.setItems(diffRows);
        status.getStyleClass().add("diff-status");
        status.setWrapText(true);
        StackPane centre = new StackPane(code, diff, status);
        VBox.setVgrow(centre, Priority.ALWAYS);
        getChildren().addAll(header, centre, metrics.ruler());
    }

    private void bindToModel() {
        path.textProperty().bind(model.pathProperty());
        meta.textProperty().bind(Bindings.createStringBinding(() -> model.lines().isEmpty() ? ""
                : model.lines().size() + (model.lines().size() == 1 ? " line" : " lines")
                + (model.languageProperty().get().isEmpty() ? "" : " \u00b7 " + model.languageProperty().get()),
                model.lines(), model.languageProperty()));
        code.setItems(model.lines());
        metrics.lineHeightProperty().subscribe(h -> {
            if (h.doubleValue() > 0) {
                code.setFixedCellSize(metrics.rowHeight());
            }
        });
        changes.disableProperty().bind(model.hasChangesProperty().not());
        changes.selectedProperty().bindBidirectional(model.showChangesProperty());
        model.changesProperty().subscribe(file -> {
            diff.forgetHighlights();
            diffRows.setAll(file == null ? List.of() : DiffRows.ofFile(file, false));
            diff.maxColumnsProperty().set(DiffRows.maxColumns(diffRows));
        });
        diff.visibleProperty().bind(model.showChangesProperty());
        code.visibleProperty().bind(model.showChangesProperty().not());
        status.textProperty().bind(model.messageProperty());
        status.visibleProperty().bind(status.textProperty().isNotEmpty().and(model.showChangesProperty().not()));
    }

    private void wireActions() {
        wireClose(close, code);
    }

    /** A numbered, highlighted line; a line the last run added has its gutter marked. */
    private final class LineCell extends ListCell<FileViewerModel.CodeLine> {
        private final Label number = new Label();
        private final Region marker = new Region();
        private final HBox text = new HBox();
        private final HBox box = new HBox(number, marker, text);

        LineCell() {
            getStyleClass().add("diff-row");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            number.getStyleClass().add("diff-gutter");
            number.setAlignment(Pos.CENTER_RIGHT);
            number.setTextOverrun(OverrunStyle.CLIP);
            number.minWidthProperty().bind(gutterWidth);
            number.prefWidthProperty().bind(gutterWidth);
            marker.getStyleClass().add("file-viewer-marker");
            marker.setMinWidth(Region.USE_PREF_SIZE);
            text.getStyleClass().add("diff-code");
            text.setAlignment(Pos.CENTER_LEFT);
            text.minWidthProperty().bind(codeWidth);
            box.setAlignment(Pos.CENTER_LEFT);
            box.getStyleClass().add("diff-line");
        }

        @Override
        protected void updateItem(FileViewerModel.CodeLine line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                pseudoClassStateChanged(CHANGED, false);
                setGraphic(null);
                return;
            }
            pseudoClassStateChanged(CHANGED, line.changed());
            number.setText(Integer.toString(line.number()));
            text.getChildren().setAll(CodeNodes.render(line.text(), line.spans()));
            setGraphic(box);
        }
    }
}
