package dev.builderdesk.ui.markdown;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The one Markdown dialect of the app (CommonMark plus GFM tables, strikethrough, task lists and autolinks), so
 * that splitting an answer into blocks and rendering a block agree on what a block is. Parsers are immutable and
 * thread-safe.
 */
final class MarkdownParsing {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create(), TaskListItemsExtension.create(), AutolinkExtension.create());

    /** Parses with the source span of each block, for splitting a text into top-level blocks. */
    static final Parser WITH_SPANS = Parser.builder().extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    /** Parses for rendering. */
    static final Parser PLAIN = Parser.builder().extensions(EXTENSIONS).build();

    private MarkdownParsing() {
    }
}
