package dev.builderdesk.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/**
 * A Markdown text that grows by appended deltas (a streaming answer), kept as its top-level blocks, so that a list
 * can show one row per block and re-render only the rows whose source changed.
 *
 * <p>Each block is an exact substring of the text, from the start of its first line to the end of its last span;
 * the blank lines between blocks belong to none. Appending re-parses only from the start of the last block: every
 * block before it is closed (a new top-level block only starts once its predecessor ended), so the text before it
 * cannot change them. Two exceptions: a block that began on the still unfinished last line was started because
 * that line did not continue its predecessor, which the rest of the line may change ("|" growing into a table
 * row), so the predecessor is re-parsed too; and a link reference definition may still take a title from the
 * next line, so those are re-parsed along with the block that follows them. Per-delta work therefore grows with
 * the last two blocks, not with the answer. Not thread-safe; pure (no JavaFX).
 */
public final class MarkdownStream {
    private final StringBuilder text = new StringBuilder();
    private final List<Block> blocks = new ArrayList<>();
    private String textCache = "";
    private int lastParsed;

    /** Appends {@code delta}; returns the index of the first block whose source changed (or {@code size} if none). */
    public int append(String delta) {
        if (delta.isEmpty()) {
            return blocks.size();
        }
        int pendingLine = lineStart(text, text.length());
        text.append(delta);
        textCache = null;
        int first = blocks.size() - 1;
        // A block that began on the unfinished last line decided its predecessor had ended on a line that may
        // still grow into one that continues it ("|" becoming a table row): re-parse the predecessor as well.
        if (first > 0 && blocks.get(first).start() >= pendingLine) {
            first--;
        }
        while (first > 0 && blocks.get(first - 1).definition()) {
            first--;
        }
        first = Math.max(first, 0);
        int from = blocks.isEmpty() ? 0 : blocks.get(first).start();
        String source = text.substring(from);
        lastParsed = source.length();
        List<Block> tail = parse(source, from);
        int changed = first;
        while (changed < blocks.size() && changed - first < tail.size()
                && blocks.get(changed).sameSpan(tail.get(changed - first))) {
            changed++;
        }
        blocks.subList(first, blocks.size()).clear();
        blocks.addAll(tail);
        return Math.min(changed, blocks.size());
    }

    /** The top-level blocks' sources, in order. */
    public List<String> blocks() {
        List<String> sources = new ArrayList<>(blocks.size());
        for (Block block : blocks) {
            sources.add(block.source());
        }
        return sources;
    }

    /** The source of block {@code index}. */
    public String block(int index) {
        return blocks.get(index).source();
    }

    public int size() {
        return blocks.size();
    }

    /** All text appended so far. */
    public String text() {
        if (textCache == null) {
            textCache = text.toString();
        }
        return textCache;
    }

    /** How many characters the last {@link #append} parsed (for tests of the incremental promise). */
    int lastParsedLength() {
        return lastParsed;
    }

    /** The top-level blocks of a whole text. */
    public static List<String> blocksOf(String markdown) {
        MarkdownStream stream = new MarkdownStream();
        stream.append(markdown);
        return stream.blocks();
    }

    private List<Block> parse(String source, int offset) {
        List<Block> parsed = new ArrayList<>();
        Node document = MarkdownParsing.WITH_SPANS.parse(source);
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            List<SourceSpan> spans = node.getSourceSpans();
            if (spans.isEmpty()) {
                continue;
            }
            int start = lineStart(source, spans.getFirst().getInputIndex());
            SourceSpan last = spans.getLast();
            int end = last.getInputIndex() + last.getLength();
            parsed.add(new Block(offset + start, offset + end, source.substring(start, end),
                    node instanceof LinkReferenceDefinition));
        }
        return parsed;
    }

    private static int lineStart(CharSequence s, int index) {
        int i = index;
        while (i > 0 && s.charAt(i - 1) != '\n' && s.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    /** One block: where it is in the text, its source, and whether it is a link reference definition. */
    private record Block(int start, int end, String source, boolean definition) {
        boolean sameSpan(Block other) {
            return start == other.start && end == other.end && definition == other.definition;
        }
    }
}
