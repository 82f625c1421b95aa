package dev.builderdesk.ui.markdown;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.layout.VBox;

/**
 * A whole Markdown text as one {@link MarkdownBlockView} per top-level block, for places that are not a
 * virtualised list (a dialog, a run's summary). Setting a new text re-renders only the blocks that changed.
 */
public class MarkdownDocumentView extends VBox {
    private final Consumer<String> linkOpener;

    public MarkdownDocumentView(Consumer<String> linkOpener) {
        this.linkOpener = linkOpener;
        getStyleClass().add("md-document");
        setMinWidth(0);
    }

    public void setMarkdown(String markdown) {
        List<String> blocks = MarkdownStream.blocksOf(markdown == null ? "" : markdown);
        var children = getChildren();
        if (children.size() > blocks.size()) {
            children.remove(blocks.size(), children.size());
        }
        for (int k = 0; k < blocks.size(); k++) {
            if (k == children.size()) {
                children.add(new MarkdownBlockView(linkOpener));
            }
            ((MarkdownBlockView) children.get(k)).setMarkdown(blocks.get(k));
        }
    }
}
