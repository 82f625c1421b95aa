package dev.builderdesk.ui.diff;

import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The file list of the diff screen: change letter, path and counts per file; and the shared bits of file rows. */
final class DiffFiles {
    private static final List<PseudoClass> CHANGES = List.of(PseudoClass.getPseudoClass("added"),
            PseudoClass.getPseudoClass("modified"), PseudoClass.getPseudoClass("deleted"),
            PseudoClass.getPseudoClass("renamed"));

    private DiffFiles() {
    }

    /** "src/App.tsx", or "old.ts → new.ts" for a rename. */
    static String title(DiffFile file) {
        return file.oldPath() != null && !file.oldPath().equals(file.path())
                ? file.oldPath() + " \u2192 " + file.path() : file.path();
    }

    /** Shows a change letter (A, M, D, R) coloured by its kind. */
    static void styleChange(Label label, UnifiedDiff.Change change) {
        label.setText(change.letter());
        for (int i = 0; i < CHANGES.size(); i++) {
            label.pseudoClassStateChanged(CHANGES.get(i), i == change.ordinal());
        }
    }

    /** A cell of the file list. */
    static final class Cell extends ListCell<DiffFile> {
        private final Label change = new Label();
        private final Label path = new Label();
        private final Label added = new Label();
        private final Label removed = new Label();
        private final HBox box;

        Cell() {
            getStyleClass().add("diff-file-cell");
            change.getStyleClass().add("diff-change");
            change.setMinWidth(Region.USE_PREF_SIZE);
            path.getStyleClass().add("diff-file-path");
            path.setMaxWidth(Double.MAX_VALUE);
            path.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
            HBox.setHgrow(path, Priority.ALWAYS);
            added.getStyleClass().add("diff-count-added");
            added.setMinWidth(Region.USE_PREF_SIZE);
            removed.getStyleClass().add("diff-count-removed");
            removed.setMinWidth(Region.USE_PREF_SIZE);
            box = new HBox(6, change, path, added, removed);
            box.setAlignment(Pos.CENTER_LEFT);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(DiffFile file, boolean empty) {
            super.updateItem(file, empty);
            if (empty || file == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            styleChange(change, file.change());
            path.setText(title(file));
            added.setText("+" + file.linesAdded());
            removed.setText("\u2212" + file.linesRemoved());
            setGraphic(box);
        }
    }
}
