package dev.builderdesk.ui.text;

import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Mouse selection and copying for a {@link TextFlow} of {@link Text} nodes, which JavaFX does not offer: press and
 * drag selects, a double click selects a word, a triple click the whole flow, shift-click extends; Ctrl+C (Cmd+C)
 * and the context menu's Copy put exactly the selected part of the flow's text (its Text nodes' text, joined) on
 * the clipboard. Each flow has its own selection.
 *
 * <p>The selection is drawn as a {@link Path} behind the text, style class {@code text-selection}; it is an
 * unmanaged child of the flow, so the flow's text layout ignores it. Pressing in the flow focuses it (so the copy
 * shortcut reaches it) and the flow shows an I-beam cursor. Children may change at any time (a streaming code
 * block): the selection is kept within the new text.
 */
public final class SelectableText {
    /** The style class of the selection highlight. */
    public static final String SELECTION_CLASS = "text-selection";
    private static final String KEY = SelectableText.class.getName();
    private static final Color DEFAULT_FILL = Color.rgb(56, 139, 253, 0.35);

    private final TextFlow flow;
    private final Path highlight = new Path();
    private ContextMenu menu;
    private String text;
    private int anchor;
    private int caret;

    private SelectableText(TextFlow flow) {
        this.flow = flow;
        highlight.getStyleClass().add(SELECTION_CLASS);
        highlight.setManaged(false);
        highlight.setMouseTransparent(true);
        highlight.setFill(DEFAULT_FILL);
        highlight.setStrokeWidth(0);
        flow.getChildren().addFirst(highlight);
        flow.setCursor(Cursor.TEXT);
        flow.getChildren().subscribe(this::childrenChanged);
        flow.needsLayoutProperty().subscribe(pending -> {
            if (!pending) {
                redraw();
            }
        });
        flow.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        flow.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        flow.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        flow.setOnContextMenuRequested(e -> {
            contextMenu().show(flow, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    /** Makes {@code flow} selectable (once; later calls return the same instance). */
    public static SelectableText install(TextFlow flow) {
        return of(flow).orElseGet(() -> {
            SelectableText selectable = new SelectableText(flow);
            flow.getProperties().put(KEY, selectable);
            return selectable;
        });
    }

    /** The selection support of {@code flow}, if it was installed. */
    public static Optional<SelectableText> of(TextFlow flow) {
        return Optional.ofNullable((SelectableText) flow.getProperties().get(KEY));
    }

    /** The flow's whole text: its Text children's text, joined. */
    public String text() {
        if (text == null) {
            StringBuilder all = new StringBuilder();
            for (Node child : flow.getChildren()) {
                if (child instanceof Text t) {
                    all.append(t.getText());
                }
            }
            text = all.toString();
        }
        return text;
    }

    public int selectionStart() {
        return Math.min(anchor, caret);
    }

    public int selectionEnd() {
        return Math.max(anchor, caret);
    }

    public String selectedText() {
        return text().substring(selectionStart(), selectionEnd());
    }

    /** Selects characters {@code [start, end)} of {@link #text()} (clamped to it). */
    public void select(int start, int end) {
        int length = text().length();
        anchor = Math.clamp(start, 0, length);
        caret = Math.clamp(end, 0, length);
        redraw();
    }

    public void selectAll() {
        select(0, text().length());
    }

    public void clearSelection() {
        select(caret, caret);
    }

    /** Puts the selected text on the system clipboard; returns whether there was any. */
    public boolean copy() {
        String selected = selectedText();
        if (selected.isEmpty()) {
            return false;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(selected);
        Clipboard.getSystemClipboard().setContent(content);
        return true;
    }

    private void childrenChanged() {
        text = null;
        if (flow.getChildren().isEmpty() || flow.getChildren().getFirst() != highlight) {
            // Someone replaced the children (setAll, clear): keep the highlight behind them.
            flow.getChildren().remove(highlight);
            flow.getChildren().addFirst(highlight);
            return;
        }
        int length = text().length();
        anchor = Math.min(anchor, length);
        caret = Math.min(caret, length);
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        flow.requestFocus();
        int index = indexAt(e);
        if (e.getClickCount() >= 3) {
            selectAll();
        } else if (e.getClickCount() == 2) {
            selectWord(index);
        } else if (e.isShiftDown()) {
            select(anchor, index);
        } else {
            select(index, index);
        }
        // Consumed, so that a list cell behind does not take the focus (and with it the copy shortcut).
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY) {
            select(anchor, indexAt(e));
            e.consume();
        }
    }

    private void keyPressed(KeyEvent e) {
        if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
            copy();
            e.consume();
        } else if (e.isShortcutDown() && e.getCode() == KeyCode.A) {
            selectAll();
            e.consume();
        }
    }

    private int indexAt(MouseEvent e) {
        Point2D local = flow.sceneToLocal(e.getSceneX(), e.getSceneY());
        return Math.clamp(flow.getHitInfo(local).getInsertionIndex(), 0, text().length());
    }

    private void selectWord(int index) {
        String all = text();
        int start = Math.min(index, all.length());
        int end = start;
        while (start > 0 && wordChar(all.charAt(start - 1))) {
            start--;
        }
        while (end < all.length() && wordChar(all.charAt(end))) {
            end++;
        }
        if (start == end && end < all.length()) {
            end++;
        }
        select(start, end);
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void redraw() {
        int start = selectionStart();
        int end = selectionEnd();
        if (start == end) {
            highlight.getElements().clear();
            return;
        }
        PathElement[] shape = flow.getRangeShape(start, end, true);
        highlight.getElements().setAll(shape);
    }

    private ContextMenu contextMenu() {
        if (menu == null) {
            MenuItem copy = new MenuItem("Copy");
            copy.setOnAction(e -> copy());
            MenuItem all = new MenuItem("Select all");
            all.setOnAction(e -> selectAll());
            menu = new ContextMenu(copy, all);
            menu.setOnShowing(e -> copy.setDisable(selectionStart() == selectionEnd()));
        }
        return menu;
    }
}
