package dev.builderdesk.ui.code;

import dev.builderdesk.ui.text.SelectableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;

/**
 * A block of highlighted code: a header naming the language with a Copy button, then every line of the code,
 * unwrapped, in a horizontally scrolling area as tall as the lines. The text is selectable ({@link SelectableText}).
 * Re-usable: a list cell may call {@link #setCode} for every update; the same code again does nothing, and code
 * that only grew re-creates only the Text nodes from the first changed one.
 *
 * <p>CSS (stylesheet {@link #STYLESHEET}, installed on the window by {@code ui.fx.Stylesheets}):
 * {@code code-block} (the block),
 * {@code code-block-header}, {@code code-block-language}, {@code code-copy} (button, pseudo-class
 * {@code :copied} while it shows "Copied"), {@code code-block-scroll}, {@code code-flow}, {@code code-gutter}
 * (line numbers, pseudo-class {@code :line-numbers} on the block when shown), and the {@link CodeText} classes.
 */
public class CodeBlockView extends VBox {
    /** The code stylesheet; the view adds it to itself. */
    public static final String STYLESHEET =
            Objects.requireNonNull(CodeBlockView.class.getResource("code.css")).toExternalForm();
    private static final PseudoClass COPIED = PseudoClass.getPseudoClass("copied");
    private static final PseudoClass LINE_NUMBERS = PseudoClass.getPseudoClass("line-numbers");

    private final Label language = new Label();
    private final Button copy = new Button("Copy");
    private final TextFlow flow = new TextFlow();
    private final Text gutter = new Text();
    private final VBox gutterBox = new VBox(gutter);
    private final ScrollPane scroll = new CodeScroll();
    private final PauseTransition copiedFor = new PauseTransition(Duration.seconds(1.5));
    private String shownLanguage;
    private String shownCode = "";
    private List<CodeText.Run> runs = List.of();
    private boolean lineNumbers;

    public CodeBlockView() {
        createLayout();
        wireActions();
        SelectableText.install(flow);
    }

    private void createLayout() {
        getStyleClass().add("code-block");
        setMinWidth(0);
        language.getStyleClass().add("code-block-language");
        copy.setId("code-copy");
        copy.getStyleClass().addAll("code-copy", "flat", "small");
        copy.setFocusTraversable(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(language, spacer, copy);
        header.getStyleClass().add("code-block-header");
        header.setAlignment(Pos.CENTER_LEFT);

        flow.getStyleClass().add("code-flow");
        gutter.getStyleClass().addAll(CodeText.TEXT_CLASS, "code-gutter-text");
        gutter.setTextAlignment(TextAlignment.RIGHT);
        gutterBox.getStyleClass().add("code-gutter");
        gutterBox.setAlignment(Pos.TOP_RIGHT);
        gutterBox.setManaged(false);
        gutterBox.setVisible(false);
        scroll.getStyleClass().add("code-block-scroll");
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.setMinWidth(0);
        scroll.setContent(flow);
        HBox.setHgrow(scroll, Priority.ALWAYS);
        HBox body = new HBox(gutterBox, scroll);
        body.getStyleClass().add("code-block-body");
        getChildren().addAll(header, body);
    }

    private void wireActions() {
        copy.setOnAction(e -> copyCode());
        copiedFor.setOnFinished(e -> {
            copy.setText("Copy");
            copy.pseudoClassStateChanged(COPIED, false);
        });
        // Only horizontal scrolling belongs to the block; a vertical wheel goes on to the list it is in.
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (Math.abs(e.getDeltaY()) > Math.abs(e.getDeltaX()) && !e.isShiftDown()) {
                Node parent = getParent();
                if (parent != null) {
                    parent.fireEvent(e.copyFor(parent, parent));
                }
                e.consume();
            }
        });
    }

    /** Shows {@code code} highlighted as {@code language} ("" or unknown: plain, labelled "text"). */
    public void setCode(String language, String code) {
        String lang = language == null ? "" : language;
        String text = code == null ? "" : code;
        if (lang.equals(shownLanguage) && text.equals(shownCode)) {
            return;
        }
        this.language.setText(lang.isEmpty() ? "text" : lang);
        List<CodeText.Run> next = CodeText.runs(text, Highlighter.highlight(lang, text));
        int same = 0;
        if (lang.equals(shownLanguage)) {
            int limit = Math.min(runs.size(), next.size());
            while (same < limit && runs.get(same).equals(next.get(same))) {
                same++;
            }
        }
        ObservableList<Node> children = flow.getChildren();
        // Children are the selection highlight (first, not a Text of ours) and one Text per run.
        int textStart = children.size() - runs.size();
        List<Node> added = new ArrayList<>(next.size() - same);
        for (int k = same; k < next.size(); k++) {
            added.add(CodeText.node(next.get(k)));
        }
        children.remove(textStart + same, children.size());
        children.addAll(added);
        runs = next;
        shownLanguage = lang;
        shownCode = text;
        updateGutter();
    }

    /** Shows line numbers in a gutter to the left of the code (for file and diff views). */
    public void setShowLineNumbers(boolean show) {
        lineNumbers = show;
        pseudoClassStateChanged(LINE_NUMBERS, show);
        gutterBox.setManaged(show);
        gutterBox.setVisible(show);
        updateGutter();
    }

    private void updateGutter() {
        if (!lineNumbers) {
            return;
        }
        long lines = shownCode.isEmpty() ? 1 : shownCode.chars().filter(c -> c == '\n').count() + 1;
        StringBuilder numbers = new StringBuilder();
        for (long k = 1; k <= lines; k++) {
            numbers.append(k).append(k < lines ? "\n" : "");
        }
        gutter.setText(numbers.toString());
    }

    public String getCode() {
        return shownCode;
    }

    public String getLanguage() {
        return shownLanguage == null ? "" : shownLanguage;
    }

    /** The flow holding the code's Text nodes (and the selection highlight). */
    public TextFlow flow() {
        return flow;
    }

    private void copyCode() {
        ClipboardContent content = new ClipboardContent();
        content.putString(shownCode);
        Clipboard.getSystemClipboard().setContent(content);
        copy.setText("Copied");
        copy.pseudoClassStateChanged(COPIED, true);
        copiedFor.playFromStart();
    }

    /**
     * The block's viewport: exactly as tall as its lines (plus the scroll bar when lines are wider than the block),
     * so every line shows. Measured from the code's own preferred height: binding the viewport to the laid-out
     * height of the content, which fits the viewport, kept whatever height the first layout gave (two lines).
     */
    private final class CodeScroll extends ScrollPane {
        @Override
        protected double computeMinHeight(double width) {
            return codeHeight(width);
        }

        @Override
        protected double computePrefHeight(double width) {
            return codeHeight(width);
        }

        @Override
        protected double computeMaxHeight(double width) {
            return codeHeight(width);
        }

        private double codeHeight(double width) {
            Insets in = getInsets();
            double available = (width > 0 ? width : getWidth()) - in.getLeft() - in.getRight();
            boolean bar = available > 0 && flow.prefWidth(-1) > available;
            return in.getTop() + flow.prefHeight(-1) + in.getBottom() + (bar ? barHeight() : 0);
        }

        private double barHeight() {
            for (Node n : lookupAll(".scroll-bar")) {
                if (n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL) {
                    return Math.max(b.prefHeight(-1), 8);
                }
            }
            return 12;
        }
    }
}
