package dev.builderdesk.ui.markdown;

import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.layout.VBox;

/**
 * One top-level Markdown block (see {@link MarkdownStream}) rendered as nodes: a paragraph, a heading (h1–h6),
 * a code block ({@link dev.builderdesk.ui.code.CodeBlockView}), a list (nested, ordered, task items), a quote, a
 * GFM table, a thematic break, an HTML block as plain text. Text wraps to the view's width, code does not, and
 * all text is selectable. Re-usable in a list cell: setting the same source again does nothing, and a source that
 * continues the shown one (the block streaming in, grown by a delta) updates the nodes it shows, making nodes
 * only for what changed (see {@link BlockRenderer#update}); any other source is rendered afresh, so nothing of
 * the block shown before (a selection, a scroll position) carries over to another block.
 *
 * <p>Links ({@code md-link}) call the link opener given to the constructor (in the app, HostServices), and only
 * for http, https and mailto URLs. Images show their alt text and URL; nothing is loaded from the network.
 *
 * <p>CSS (stylesheet {@link #STYLESHEET}, installed on the window by {@code ui.fx.Stylesheets}): {@code md-block}
 * on the view; {@code md-paragraph},
 * {@code md-heading} with {@code md-h1}…{@code md-h6}, {@code md-fence} (a code block), {@code md-list} (with
 * {@code md-list-tight} or {@code md-list-loose}), {@code md-list-item}, {@code md-list-bullet},
 * {@code md-list-number}, {@code md-list-content}, {@code md-task} and {@code md-task-marker} (pseudo-class
 * {@code :checked}), {@code md-quote}, {@code md-table-scroll}, {@code md-table}, {@code md-table-cell},
 * {@code md-table-header}, {@code md-hr}, {@code md-html}; text runs {@code md-text} with {@code md-strong},
 * {@code md-em}, {@code md-strike}, {@code md-code} (background path {@code md-code-bg}), {@code md-link},
 * {@code md-image}; selection {@code text-selection}.
 */
public class MarkdownBlockView extends VBox {
    /** The Markdown stylesheet; the view adds it to itself. */
    public static final String STYLESHEET =
            Objects.requireNonNull(MarkdownBlockView.class.getResource("markdown.css")).toExternalForm();

    private final BlockRenderer renderer;
    private String shown;

    /** A view whose links open nothing. */
    public MarkdownBlockView() {
        this(url -> { });
    }

    /** A view whose http, https and mailto links are passed to {@code linkOpener} when clicked. */
    public MarkdownBlockView(Consumer<String> linkOpener) {
        this.renderer = new BlockRenderer(Objects.requireNonNull(linkOpener));
        getStyleClass().add("md-block");
        setMinWidth(0);
    }

    /** Shows the block {@code source}; the same source again changes nothing. */
    public void setMarkdown(String source) {
        String text = source == null ? "" : source;
        if (text.equals(shown)) {
            return;
        }
        boolean grown = shown != null && text.startsWith(shown);
        shown = text;
        if (!grown) {
            getChildren().clear();
        }
        renderer.updateChildren(MarkdownParsing.PLAIN.parse(text), getChildren());
    }

    public String getMarkdown() {
        return shown == null ? "" : shown;
    }

    /** Whether a link to {@code url} would be opened (http, https, mailto). */
    public static boolean isOpenable(String url) {
        return InlineRenderer.openable(url);
    }
}
