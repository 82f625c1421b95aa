package dev.builderdesk.ui.timeline;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;

/**
 * Assistant text as Markdown: paragraphs, headings, emphasis, inline code, code blocks and lists become styled
 * {@link TextFlow}s (CSS classes {@code md-*}); anything else is shown as its text. No HTML, no network.
 */
public final class MarkdownView extends VBox {
    private static final Parser PARSER = Parser.builder().build();

    private String shown;

    public MarkdownView() {
        getStyleClass().add("md");
        setSpacing(6);
    }

    /** Shows {@code markdown}; the same text again changes nothing (cells are re-used for many updates). */
    public void setMarkdown(String markdown) {
        if (markdown.equals(shown)) {
            return;
        }
        shown = markdown;
        getChildren().clear();
        PARSER.parse(markdown).accept(new Blocks());
    }

    /** Walks block nodes, adding one child per block. */
    private final class Blocks extends AbstractVisitor {
        private int listDepth;

        @Override
        public void visit(Paragraph paragraph) {
            TextFlow flow = flow("md-paragraph");
            paragraph.accept(new Inlines(flow, List.of()));
            add(flow);
        }

        @Override
        public void visit(Heading heading) {
            TextFlow flow = flow("md-heading", "md-h" + Math.min(heading.getLevel(), 3));
            heading.accept(new Inlines(flow, List.of("md-strong")));
            add(flow);
        }

        @Override
        public void visit(FencedCodeBlock code) {
            add(codeBlock(code.getLiteral()));
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            add(codeBlock(code.getLiteral()));
        }

        @Override
        public void visit(BulletList list) {
            listDepth++;
            visitChildren(list);
            listDepth--;
        }

        @Override
        public void visit(OrderedList list) {
            listDepth++;
            int number = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
            for (var item = list.getFirstChild(); item != null; item = item.getNext()) {
                listItem((ListItem) item, number++ + ".");
            }
            listDepth--;
        }

        @Override
        public void visit(ListItem item) {
            listItem(item, "•");
        }

        private void listItem(ListItem item, String marker) {
            TextFlow flow = flow("md-list-item");
            flow.setStyle("-fx-padding: 0 0 0 " + (listDepth * 14) + ";");
            Text bullet = new Text(marker + " ");
            bullet.getStyleClass().add("md-text");
            flow.getChildren().add(bullet);
            for (var child = item.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Paragraph p) {
                    p.accept(new Inlines(flow, List.of()));
                } else {
                    child.accept(this);
                }
            }
            add(flow);
        }

        private Node codeBlock(String literal) {
            Label code = new Label(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
            code.getStyleClass().add("md-code-block");
            code.setWrapText(true);
            code.setMaxWidth(Double.MAX_VALUE);
            return code;
        }

        private void add(Node node) {
            getChildren().add(node);
        }
    }

    /** Turns inline nodes into styled {@link Text} runs of one flow. */
    private static final class Inlines extends AbstractVisitor {
        private final TextFlow flow;
        private final List<String> styles;

        Inlines(TextFlow flow, List<String> styles) {
            this.flow = flow;
            this.styles = styles;
        }

        @Override
        public void visit(org.commonmark.node.Text text) {
            run(text.getLiteral(), styles);
        }

        @Override
        public void visit(Code code) {
            run(code.getLiteral(), List.of("md-code"));
        }

        @Override
        public void visit(Emphasis emphasis) {
            emphasis.accept(new Inlines(flow, with("md-em")).children());
        }

        @Override
        public void visit(StrongEmphasis strong) {
            strong.accept(new Inlines(flow, with("md-strong")).children());
        }

        @Override
        public void visit(Link link) {
            link.accept(new Inlines(flow, with("md-link")).children());
        }

        @Override
        public void visit(SoftLineBreak br) {
            run(" ", styles);
        }

        @Override
        public void visit(HardLineBreak br) {
            run("\n", styles);
        }

        /** A visitor that visits only the children of the node it is given. */
        private AbstractVisitor children() {
            Inlines self = this;
            return new AbstractVisitor() {
                @Override
                public void visit(Emphasis n) {
                    for (var c = n.getFirstChild(); c != null; c = c.getNext()) {
                        c.accept(self);
                    }
                }

                @Override
                public void visit(StrongEmphasis n) {
                    for (var c = n.getFirstChild(); c != null; c = c.getNext()) {
                        c.accept(self);
                    }
                }

                @Override
                public void visit(Link n) {
                    for (var c = n.getFirstChild(); c != null; c = c.getNext()) {
                        c.accept(self);
                    }
                }
            };
        }

        private List<String> with(String style) {
            List<String> more = new java.util.ArrayList<>(styles);
            more.add(style);
            return more;
        }

        private void run(String text, List<String> classes) {
            Text t = new Text(text);
            t.getStyleClass().add("md-text");
            t.getStyleClass().addAll(classes);
            flow.getChildren().add(t);
        }
    }

    private static TextFlow flow(String... classes) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().addAll(classes);
        return flow;
    }
}
