package dev.builderdesk.ui.code;

/** What every language's lexer scans with: the text, its length, where the spans go, and the position. */
abstract class Lexer {
    final String s;
    final int n;
    final SpanSink out;
    int i;

    Lexer(String code, SpanSink out) {
        this.s = code;
        this.n = code.length();
        this.out = out;
    }

    /** Adds the spans of the whole text to {@link #out}. */
    abstract void run();
}
