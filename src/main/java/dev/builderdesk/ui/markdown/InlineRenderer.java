package dev.builderdesk.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;

/**
 * Turns the inline children of one block (paragraph, heading, table cell) into styled {@link Text} runs of a
 * {@link TextFlow}: {@code md-text} on every run, plus {@code md-strong}, {@code md-em}, {@code md-strike},
 * {@code md-code}, {@code md-link} and {@code md-image} as they nest. Soft line breaks become spaces.
 */
final class InlineRenderer extends AbstractVisitor {
    private final TextFlow flow;
    private final Consumer<String> linkOpener;
    private final List<String> styles = new ArrayList<>();
    private String link;

    private InlineRenderer(TextFlow flow, Consumer<String> linkOpener) {
        this.flow = flow;
        this.linkOpener = linkOpener;
    }

    /** Adds the runs of {@code block}'s inline children to {@code flow}. */
    static void render(Node block, TextFlow flow, Consumer<String> linkOpener) {
        InlineRenderer renderer = new InlineRenderer(flow, linkOpener);
        renderer.visitChildren(block);
    }

    /** Whether a link may be opened from the app: web and mail links only (no file:, javascript:, ...). */
    static boolean openable(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:");
    }

    @Override
    public void visit(org.commonmark.node.Text text) {
        run(text.getLiteral());
    }

    @Override
    public void visit(Code code) {
        styled("md-code", () -> run(code.getLiteral()));
    }

    @Override
    public void visit(Emphasis emphasis) {
        styled("md-em", () -> visitChildren(emphasis));
    }

    @Override
    public void visit(StrongEmphasis strong) {
        styled("md-strong", () -> visitChildren(strong));
    }

    @Override
    public void visit(CustomNode node) {
        if (node instanceof Strikethrough) {
            styled("md-strike", () -> visitChildren(node));
        } else {
            visitChildren(node);
        }
    }

    @Override
    public void visit(Link node) {
        String outer = link;
        link = node.getDestination();
        styled("md-link", () -> visitChildren(node));
        link = outer;
    }

    @Override
    public void visit(Image image) {
        StringBuilder alt = new StringBuilder();
        for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof org.commonmark.node.Text t) {
                alt.append(t.getLiteral());
            }
        }
        String label = alt.isEmpty() ? "image" : alt.toString();
        styled("md-image", () -> run("[" + label + "] (" + image.getDestination() + ")"));
    }

    @Override
    public void visit(HtmlInline html) {
        run(html.getLiteral());
    }

    @Override
    public void visit(SoftLineBreak br) {
        run(" ");
    }

    @Override
    public void visit(HardLineBreak br) {
        run("\n");
    }

    private void styled(String style, Runnable inside) {
        styles.add(style);
        inside.run();
        styles.removeLast();
    }

    private void run(String literal) {
        if (literal.isEmpty()) {
            return;
        }
        Text text = new Text(literal);
        text.getStyleClass().add("md-text");
        text.getStyleClass().addAll(styles);
        if (link != null) {
            String url = link;
            text.setCursor(Cursor.HAND);
            text.getProperties().put("md-link-url", url);
            text.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && openable(url)) {
                    linkOpener.accept(url.strip());
                    e.consume();
                }
            });
        }
        flow.getChildren().add(text);
    }
}
