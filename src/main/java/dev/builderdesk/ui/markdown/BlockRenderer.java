package dev.builderdesk.ui.markdown;

import dev.builderdesk.ui.code.CodeBlockView;
import dev.builderdesk.ui.code.Languages;
import dev.builderdesk.ui.text.InlineBackgrounds;
import dev.builderdesk.ui.text.SelectableText;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.ThematicBreak;

/**
 * Builds the nodes of Markdown blocks: paragraphs and headings as selectable {@link TextFlow}s, code as
 * {@link CodeBlockView}s, lists with their markers (task items with a ☐ or ☑ glyph), quotes, tables, breaks.
 * Nested blocks recurse into the same methods.
 *
 * <p>{@link #update} renders a block into the node that showed the same kind of block before (the block streaming
 * in, one delta longer): a paragraph keeps its unchanged runs, code its unchanged lines, a list or quote its
 * unchanged children, so a delta makes nodes only for what it changed. Each node records its kind
 * ({@value #KIND}) to tell whether it can show the new block.
 */
final class BlockRenderer {
    private static final PseudoClass CHECKED = PseudoClass.getPseudoClass("checked");
    private static final String[] BULLETS = {"•", "◦", "▪"};
    static final String KIND = "md-kind";

    private final Consumer<String> linkOpener;
    private int listDepth;

    BlockRenderer(Consumer<String> linkOpener) {
        this.linkOpener = linkOpener;
    }

    /** The node of one block, or null for blocks that show nothing (link reference definitions). */
    javafx.scene.Node render(Node block) {
        return update(null, block);
    }

    /**
     * The node of {@code block}: {@code shown} itself, updated, when it showed a block of the same kind, else a
     * new node (null for blocks that show nothing).
     */
    javafx.scene.Node update(javafx.scene.Node shown, Node block) {
        String kind = kindOf(block);
        javafx.scene.Node same = shown != null && kind != null && kind.equals(shown.getProperties().get(KIND))
                ? shown : null;
        javafx.scene.Node node = switch (block) {
            case Paragraph p -> inlineFlow((TextFlow) same, p, "md-paragraph");
            case Heading h -> inlineFlow((TextFlow) same, h, "md-heading", "md-h" + Math.clamp(h.getLevel(), 1, 6));
            case FencedCodeBlock code -> code((CodeBlockView) same, Languages.ofFence(code.getInfo()),
                    code.getLiteral());
            case IndentedCodeBlock code -> code((CodeBlockView) same, "", code.getLiteral());
            case BulletList list -> list((VBox) same, list);
            case OrderedList list -> list((VBox) same, list);
            case BlockQuote quote -> container((VBox) same, quote, "md-quote");
            case TableBlock table -> TableRenderer.render(table, linkOpener, BlockRenderer::selectable);
            case ThematicBreak br -> same != null ? same : rule();
            case HtmlBlock html -> plainFlow((TextFlow) same, html.getLiteral(), "md-paragraph", "md-html");
            case LinkReferenceDefinition definition -> null;
            case TaskListItemMarker task -> null;
            default -> container((VBox) same, block, "md-container");
        };
        if (node != null && kind != null) {
            node.getProperties().put(KIND, kind);
        }
        return node;
    }

    /** What a node must have shown to show {@code block} by an update; null: always a new node. */
    private static String kindOf(Node block) {
        return switch (block) {
            case Paragraph p -> "paragraph";
            case Heading h -> "h" + h.getLevel();
            case FencedCodeBlock code -> "code";
            case IndentedCodeBlock code -> "code";
            case BulletList list -> "ul-" + list.isTight();
            case OrderedList list -> "ol-" + list.isTight();
            case BlockQuote quote -> "quote";
            case ThematicBreak br -> "hr";
            case HtmlBlock html -> "html";
            case TableBlock table -> null;
            case LinkReferenceDefinition definition -> null;
            case TaskListItemMarker task -> null;
            default -> "container";
        };
    }

    /** Renders every child block of {@code parent} into {@code shown} (or a new box with {@code styleClass}). */
    private VBox container(VBox shown, Node parent, String styleClass) {
        VBox box = shown;
        if (box == null) {
            box = new VBox();
            box.getStyleClass().add(styleClass);
            box.setMinWidth(0);
        }
        updateChildren(parent, box.getChildren());
        return box;
    }

    /**
     * Makes {@code children} show the child blocks of {@code parent}, one node each: a node that showed the same
     * kind of block at the same place is updated, the others are replaced, the ones left over removed.
     */
    void updateChildren(Node parent, java.util.List<javafx.scene.Node> children) {
        int at = 0;
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            javafx.scene.Node shown = at < children.size() ? children.get(at) : null;
            javafx.scene.Node node = update(shown, child);
            if (node == null) {
                continue;
            }
            if (shown == null) {
                children.add(node);
            } else if (node != shown) {
                children.set(at, node);
            }
            at++;
        }
        if (at < children.size()) {
            children.subList(at, children.size()).clear();
        }
    }

    private TextFlow inlineFlow(TextFlow shown, Node block, String... classes) {
        TextFlow flow = shown;
        if (flow == null) {
            flow = new TextFlow();
            flow.getStyleClass().addAll(classes);
        }
        InlineRenderer.render(block, flow, linkOpener);
        selectable(flow);
        return flow;
    }

    private static TextFlow plainFlow(TextFlow shown, String literal, String... classes) {
        String content = stripFinalNewline(literal);
        if (shown != null && shown.getChildren().getLast() instanceof Text text) {
            if (!text.getText().equals(content)) {
                // A new node, not setText: the selection support re-reads the text when the children change.
                Text next = new Text(content);
                next.getStyleClass().add("md-text");
                shown.getChildren().set(shown.getChildren().size() - 1, next);
            }
            return shown;
        }
        TextFlow flow = new TextFlow();
        flow.getStyleClass().addAll(classes);
        Text text = new Text(content);
        text.getStyleClass().add("md-text");
        flow.getChildren().add(text);
        selectable(flow);
        return flow;
    }

    static void selectable(TextFlow flow) {
        InlineBackgrounds.install(flow, "md-code", "md-code-bg");
        SelectableText.install(flow);
    }

    private static CodeBlockView code(CodeBlockView shown, String language, String literal) {
        CodeBlockView view = shown;
        if (view == null) {
            view = new CodeBlockView();
            view.getStyleClass().add("md-fence");
        }
        view.setCode(language, stripFinalNewline(literal));
        return view;
    }

    /** The code of a block as it is copied and shown: its literal without the final line break. */
    static String stripFinalNewline(String literal) {
        if (literal.endsWith("\r\n")) {
            return literal.substring(0, literal.length() - 2);
        }
        if (literal.endsWith("\n") || literal.endsWith("\r")) {
            return literal.substring(0, literal.length() - 1);
        }
        return literal;
    }

    private VBox list(VBox shown, ListBlock list) {
        VBox box = shown;
        if (box == null) {
            box = new VBox();
            box.getStyleClass().addAll("md-list", list.isTight() ? "md-list-tight" : "md-list-loose");
            box.setMinWidth(0);
        }
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        String delimiter = list instanceof OrderedList ordered && ordered.getMarkerDelimiter() != null
                ? ordered.getMarkerDelimiter() : ".";
        var rows = box.getChildren();
        int at = 0;
        listDepth++;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (item instanceof ListItem listItem) {
                String marker = list instanceof OrderedList ? (number++) + delimiter
                        : BULLETS[Math.min(listDepth - 1, BULLETS.length - 1)];
                HBox row = item(at < rows.size() ? (HBox) rows.get(at) : null, listItem, marker,
                        list instanceof OrderedList);
                if (at == rows.size()) {
                    rows.add(row);
                }
                at++;
            }
        }
        listDepth--;
        if (at < rows.size()) {
            rows.subList(at, rows.size()).clear();
        }
        return box;
    }

    /** The row of a list item: its marker (a bullet, a number or a task box) and its blocks. */
    private HBox item(HBox shown, ListItem item, String bullet, boolean ordered) {
        TaskListItemMarker task = item.getFirstChild() instanceof TaskListItemMarker box ? box : null;
        // A task item shows its box where the bullet would be, as GitHub does.
        String text = task == null ? bullet : task.isChecked() ? "☑" : "☐";
        String style = task != null ? "md-task-marker" : ordered ? "md-list-number" : "md-list-bullet";
        HBox row = shown;
        VBox content;
        if (row == null) {
            content = new VBox();
            content.getStyleClass().add("md-list-content");
            content.setMinWidth(0);
            HBox.setHgrow(content, Priority.ALWAYS);
            row = new HBox(marker(text, style), content);
            row.getStyleClass().add("md-list-item");
            row.setAlignment(Pos.TOP_LEFT);
        } else {
            content = (VBox) row.getChildren().get(1);
            Label marker = (Label) row.getChildren().getFirst();
            if (!text.equals(marker.getText()) || !marker.getStyleClass().contains(style)) {
                row.getChildren().set(0, marker(text, style));
            }
        }
        ((Label) row.getChildren().getFirst()).pseudoClassStateChanged(CHECKED, task != null && task.isChecked());
        boolean isTask = task != null;
        if (isTask != row.getStyleClass().contains("md-task")) {
            if (isTask) {
                row.getStyleClass().add("md-task");
            } else {
                row.getStyleClass().remove("md-task");
            }
        }
        row.pseudoClassStateChanged(CHECKED, task != null && task.isChecked());
        updateChildren(item, content.getChildren());
        return row;
    }

    private static Label marker(String text, String style) {
        Label marker = new Label(text);
        marker.getStyleClass().add(style);
        marker.setMinWidth(Region.USE_PREF_SIZE);
        return marker;
    }

    private static Region rule() {
        Region rule = new Region();
        rule.getStyleClass().add("md-hr");
        return rule;
    }
}
