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
 */
final class BlockRenderer {
    private static final PseudoClass CHECKED = PseudoClass.getPseudoClass("checked");
    private static final String[] BULLETS = {"•", "◦", "▪"};

    private final Consumer<String> linkOpener;
    private int listDepth;

    BlockRenderer(Consumer<String> linkOpener) {
        this.linkOpener = linkOpener;
    }

    /** The node of one block, or null for blocks that show nothing (link reference definitions). */
    javafx.scene.Node render(Node block) {
        return switch (block) {
            case Paragraph p -> inlineFlow(p, "md-paragraph");
            case Heading h -> inlineFlow(h, "md-heading", "md-h" + Math.clamp(h.getLevel(), 1, 6));
            case FencedCodeBlock code -> code(Languages.ofFence(code.getInfo()), code.getLiteral());
            case IndentedCodeBlock code -> code("", code.getLiteral());
            case BulletList list -> list(list);
            case OrderedList list -> list(list);
            case BlockQuote quote -> container(quote, "md-quote");
            case TableBlock table -> TableRenderer.render(table, linkOpener, BlockRenderer::selectable);
            case ThematicBreak br -> rule();
            case HtmlBlock html -> plainFlow(html.getLiteral(), "md-paragraph", "md-html");
            case LinkReferenceDefinition definition -> null;
            default -> container(block, "md-container");
        };
    }

    /** Renders every child block of {@code parent} into a new box with {@code styleClass}. */
    private VBox container(Node parent, String styleClass) {
        VBox box = new VBox();
        box.getStyleClass().add(styleClass);
        box.setMinWidth(0);
        addChildren(parent, box);
        return box;
    }

    private void addChildren(Node parent, VBox box) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            javafx.scene.Node node = render(child);
            if (node != null) {
                box.getChildren().add(node);
            }
        }
    }

    private TextFlow inlineFlow(Node block, String... classes) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().addAll(classes);
        InlineRenderer.render(block, flow, linkOpener);
        selectable(flow);
        return flow;
    }

    private static TextFlow plainFlow(String literal, String... classes) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().addAll(classes);
        Text text = new Text(stripFinalNewline(literal));
        text.getStyleClass().add("md-text");
        flow.getChildren().add(text);
        selectable(flow);
        return flow;
    }

    static void selectable(TextFlow flow) {
        InlineBackgrounds.install(flow, "md-code", "md-code-bg");
        SelectableText.install(flow);
    }

    private static CodeBlockView code(String language, String literal) {
        CodeBlockView view = new CodeBlockView();
        view.getStyleClass().add("md-fence");
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

    private VBox list(ListBlock list) {
        VBox box = new VBox();
        box.getStyleClass().addAll("md-list", list.isTight() ? "md-list-tight" : "md-list-loose");
        box.setMinWidth(0);
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        String delimiter = list instanceof OrderedList ordered && ordered.getMarkerDelimiter() != null
                ? ordered.getMarkerDelimiter() : ".";
        listDepth++;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (item instanceof ListItem listItem) {
                String marker = list instanceof OrderedList ? (number++) + delimiter
                        : BULLETS[Math.min(listDepth - 1, BULLETS.length - 1)];
                box.getChildren().add(item(listItem, marker, list instanceof OrderedList));
            }
        }
        listDepth--;
        return box;
    }

    private HBox item(ListItem item, String bullet, boolean ordered) {
        Label marker = new Label(bullet);
        marker.getStyleClass().add(ordered ? "md-list-number" : "md-list-bullet");
        marker.setMinWidth(Region.USE_PREF_SIZE);
        VBox content = new VBox();
        content.getStyleClass().add("md-list-content");
        content.setMinWidth(0);
        HBox.setHgrow(content, Priority.ALWAYS);
        HBox row = new HBox(marker, content);
        row.getStyleClass().add("md-list-item");
        row.setAlignment(Pos.TOP_LEFT);
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TaskListItemMarker task) {
                Label box = new Label(task.isChecked() ? "☑" : "☐");
                box.getStyleClass().add("md-task-marker");
                box.pseudoClassStateChanged(CHECKED, task.isChecked());
                box.setMinWidth(Region.USE_PREF_SIZE);
                row.getStyleClass().add("md-task");
                row.pseudoClassStateChanged(CHECKED, task.isChecked());
                // A task item shows its box where the bullet would be, as GitHub does.
                row.getChildren().set(0, box);
                continue;
            }
            javafx.scene.Node node = render(child);
            if (node != null) {
                content.getChildren().add(node);
            }
        }
        return row;
    }

    private static Region rule() {
        Region rule = new Region();
        rule.getStyleClass().add("md-hr");
        return rule;
    }
}
