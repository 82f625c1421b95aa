package dev.builderdesk.ui.code;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the spans of one lexer run. It is the one place that keeps the {@link Highlighter} contract (in bounds,
 * ordered, not overlapping, not empty), so a lexer's heuristics can never break it: a span that starts before the
 * previous one ended is clipped, and touching spans of the same class are merged.
 */
final class SpanSink {
    private final List<Span> spans = new ArrayList<>();
    private final int offset;
    private final int limit;
    private int end;

    SpanSink(int length) {
        this(0, length);
    }

    private SpanSink(int offset, int limit) {
        this.offset = offset;
        this.limit = limit;
        this.end = offset;
    }

    /** Marks {@code [start, stop)} (relative to this sink's text) with {@code styleClass}. */
    void add(int start, int stop, String styleClass) {
        int from = Math.max(start + offset, end);
        int to = Math.min(stop + offset, limit);
        if (to <= from) {
            return;
        }
        if (!spans.isEmpty()) {
            Span last = spans.getLast();
            if (last.end() == from && last.styleClass().equals(styleClass)) {
                spans.set(spans.size() - 1, new Span(last.start(), to, styleClass));
                end = to;
                return;
            }
        }
        spans.add(new Span(from, to, styleClass));
        end = to;
    }

    /** Runs {@code lexer} over {@code text.substring(from, to)} so that its spans land at their place in text. */
    void embed(String text, int from, int to, Lexer lexer) {
        SpanSink inner = new SpanSink(offset + from, Math.min(limit, offset + to));
        inner.end = Math.max(end, inner.offset);
        lexer.lex(text.substring(from, to), inner);
        for (Span span : inner.spans) {
            add(span.start() - offset, span.end() - offset, span.styleClass());
        }
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** One language's tokenizer: reads {@code code} once, left to right, reporting spans to {@code out}. */
    @FunctionalInterface
    interface Lexer {
        void lex(String code, SpanSink out);
    }
}
