package dev.builderdesk.ui.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A tool call's diff inside its card: file paths, hunk headers and lines with old and new numbers and colours, at
 * most {@value #VISIBLE_LINES} lines until "Show all N lines" ({@code patch-preview-more}) is pressed. Long lines
 * scroll sideways; the wheel still scrolls the timeline. Styles: {@code diff.css} ({@code patch-preview},
 * {@code diff-line:added/:removed}, {@code diff-gutter}, {@code diff-sign}, {@code diff-hunk-header}).
 */
public final class PatchPreview extends VBox {
    /** Lines shown before "Show all". */
    public static final int VISIBLE_LINES = 30;

    private final UnifiedDiff diff;
    private final DiffHighlights highlights = new DiffHighlights();
    private final BooleanProperty expanded = new SimpleBooleanProperty();
    private final VBox rows = new VBox();
    private final Button more = new Button();
    private final int lineCount;

    public PatchPreview(UnifiedDiff diff) {
        this.diff = diff;
        this.lineCount = diff.files().stream().mapToInt(UnifiedDiff.File::lineCount).sum();
        createLayout();
        bindToModel();
    }

    /** The preview of one file's unified diff; {@code path} stands in where the text has no file headers. */
    public static PatchPreview of(String path, String unifiedDiff) {
        return new PatchPreview(new UnifiedDiff(List.of(UnifiedDiff.parseFile(path, unifiedDiff))));
    }

    /** The preview of a write-file or apply-patch call (see {@link ToolDiffs#ofToolCall}); empty for others. */
    public static Optional<PatchPreview> ofToolCall(String tool, JsonNode input, String oldContent) {
        return ToolDiffs.ofToolCall(tool, input, oldContent).map(PatchPreview::new);
    }

    /** Every line of every hunk. */
    public int lineCount() {
        return lineCount;
    }

    /** Whether all lines show, not only the first {@value #VISIBLE_LINES}. */
    public BooleanProperty expandedProperty() {
        return expanded;
    }

    private void createLayout() {
        getStyleClass().add("patch-preview");
        setMaxHeight(Region.USE_PREF_SIZE);
        rows.getStyleClass().add("patch-preview-rows");
        ScrollPane scroll = new ScrollPane(rows);
        scroll.getStyleClass().add("patch-preview-scroll");
        scroll.setFitToWidth(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        // The card sits in the timeline's list: a vertical wheel belongs to the list, not to this sideways pane.
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaX() == 0 && !e.isShiftDown() && scroll.getParent() != null) {
                e.consume();
                scroll.getParent().fireEvent(e.copyFor(scroll.getParent(), scroll.getParent()));
            }
        });
        more.setId("patch-preview-more");
        more.getStyleClass().addAll("patch-preview-more", "flat");
        getChildren().addAll(scroll, more);
    }

    private void bindToModel() {
        expanded.subscribe(all -> {
            rows.getChildren().setAll(render(all ? Integer.MAX_VALUE : VISIBLE_LINES));
            more.setVisible(!all && lineCount > VISIBLE_LINES);
            more.setManaged(more.isVisible());
        });
        more.setText("Show all " + lineCount + " lines");
        more.setOnAction(e -> expanded.set(true));
    }

    private List<Node> render(int budget) {
        List<Node> out = new ArrayList<>();
        int left = budget;
        for (UnifiedDiff.File file : diff.files()) {
            DiffFile df = DiffFile.of(file);
            Label path = new Label(DiffFiles.title(df));
            path.getStyleClass().add("patch-preview-path");
            Label change = new Label();
            change.getStyleClass().add("diff-change");
            DiffFiles.styleChange(change, df.change());
            HBox header = new HBox(6, change, path);
            header.getStyleClass().add("patch-preview-file");
            header.setAlignment(Pos.CENTER_LEFT);
            out.add(header);
            for (UnifiedDiff.Hunk hunk : file.hunks()) {
                if (left <= 0) {
                    return out;
                }
                Label h = new Label(hunk.header());
                h.getStyleClass().add("diff-hunk-header");
                h.setTextOverrun(OverrunStyle.CLIP);
                h.setMinWidth(Region.USE_PREF_SIZE);
                h.setMaxWidth(Double.MAX_VALUE);
                out.add(h);
                for (UnifiedDiff.Line line : hunk.lines()) {
                    if (left-- <= 0) {
                        return out;
                    }
                    out.add(line(df, hunk, line));
                }
            }
        }
        return out;
    }

    private Node line(DiffFile file, UnifiedDiff.Hunk hunk, UnifiedDiff.Line line) {
        Label oldNumber = gutter(line.oldLine());
        Label newNumber = gutter(line.newLine());
        Label sign = new Label(DiffLinesView.signOf(line));
        sign.getStyleClass().add("diff-sign");
        sign.setMinWidth(Region.USE_PREF_SIZE);
        HBox code = new HBox();
        code.getStyleClass().add("diff-code");
        code.setAlignment(Pos.CENTER_LEFT);
        code.getChildren().setAll(CodeNodes.render(line.text(), highlights.of(file, hunk, line)));
        code.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(oldNumber, newNumber, sign, code);
        row.getStyleClass().add("diff-line");
        row.setAlignment(Pos.CENTER_LEFT);
        row.pseudoClassStateChanged(DiffLinesView.ADDED, line.kind() == UnifiedDiff.Kind.ADDED);
        row.pseudoClassStateChanged(DiffLinesView.REMOVED, line.kind() == UnifiedDiff.Kind.REMOVED);
        row.pseudoClassStateChanged(DiffLinesView.CONTEXT, line.kind() == UnifiedDiff.Kind.CONTEXT);
        return row;
    }

    private static Label gutter(int number) {
        Label l = new Label(number > 0 ? Integer.toString(number) : "");
        l.getStyleClass().add("diff-gutter");
        l.setAlignment(Pos.CENTER_RIGHT);
        l.setTextOverrun(OverrunStyle.CLIP);
        return l;
    }
}
