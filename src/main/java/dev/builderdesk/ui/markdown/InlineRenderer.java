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
 *
 * <p>A flow shown again (a paragraph that grew while it streams) keeps the Text nodes of the runs that did not
 * change and makes nodes only from the first changed run on: a new node is styled by CSS from scratch, which made
 * re-rendering a growing paragraph the most expensive part of a streaming pulse.
 */
final class InlineRenderer extends AbstractVisitor {
    private static final String RUNS_KEY = InlineRenderer.class.getName() + ".runs";

    /** One styled run as it is shown: its text, its style classes besides {@code md-text}, its link or null. */
    private record Run(String text, List<String> styles, String link) {
    }

    private final List<Run> runs = new ArrayList<>();
    private final List<String> styles = new ArrayList<>();
    private String link;

    private InlineRenderer() {
    }

    /**
     * Shows the runs of {@code block}'s inline children in {@code flow}, keeping the nodes of the runs it already
     * shows unchanged (other children of the flow, such as a selection highlight, stay where they are).
     */
    static void render(Node block, TextFlow flow, Consumer<String> linkOpener) {
        InlineRenderer renderer = new InlineRenderer();
        renderer.visitChildren(block);
        show(flow, List.copyOf(renderer.runs), linkOpener);
    }

    @SuppressWarnings("unchecked")
    private static void show(TextFlow flow, List<Run> next, Consumer<String> linkOpener) {
        List<Run> shown = (List<Run>) flow.getProperties().getOrDefault(RUNS_KEY, List.of());
        int same = 0;
        int limit = Math.min(shown.size(), next.size());
        while (same < limit && shown.get(same).equals(next.get(same))) {
            same++;
        }
        var children = flow.getChildren();
        // The runs' nodes are the flow's last children, after any node that is not a run (highlight, backgrounds).
        int runStart = children.size() - shown.size();
        List<Text> added = new ArrayList<>(next.size() - same);
        for (int k = same; k < next.size(); k++) {
            added.add(node(next.get(k), linkOpener));
        }
        if (runStart + same < children.size()) {
            children.remove(runStart + same, children.size());
        }
        children.addAll(added);
        flow.getProperties().put(RUNS_KEY, next);
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
        runs.add(new Run(literal, List.copyOf(styles), link));
    }

    private static Text node(Run run, Consumer<String> linkOpener) {
        Text text = new Text(run.text());
        text.getStyleClass().add("md-text");
        text.getStyleClass().addAll(run.styles());
        if (run.link() != null) {
            String url = run.link();
            text.setCursor(Cursor.HAND);
            text.getProperties().put("md-link-url", url);
            text.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && openable(url)) {
                    linkOpener.accept(url.strip());
                    e.consume();
                }
            });
        }
        return text;
    }
}
