package dev.builderdesk.ui.code;

/**
 * Markdown source (a README shown as a file, not rendered): headings, fence lines, list and quote markers,
 * emphasis markers, inline code and link targets.
 */
final class MarkdownLexer extends Lexer {
    MarkdownLexer(String code, SpanSink out) {
        super(code, out);
    }

    @Override
    void run() {
        int i = 0;
        boolean fenced = false;
        while (i < n) {
            int end = Chars.lineEnd(s, i);
            int j = i;
            while (j < end && j - i < 4 && s.charAt(j) == ' ') {
                j++;
            }
            if (s.startsWith("```", j) || s.startsWith("~~~", j)) {
                out.add(i, end, "code-meta");
                fenced = !fenced;
            } else if (fenced) {
                out.add(i, end, "code-string");
            } else if (j < end && s.charAt(j) == '#') {
                out.add(i, end, "code-heading");
            } else {
                inline(block(j, end), end);
            }
            i = end < n ? end + 1 : n;
        }
    }

    /** Marks the quote and list markers at the start of a line; returns where its text starts. */
    private int block(int j, int end) {
        while (j < end) {
            char c = s.charAt(j);
            if (c == '>') {
                out.add(j, j + 1, "code-punct");
                j++;
            } else if ((c == '-' || c == '*' || c == '+') && j + 1 < end && s.charAt(j + 1) == ' ') {
                out.add(j, j + 1, "code-punct");
                j += 2;
            } else if (Chars.digit(c)) {
                int k = j;
                while (k < end && Chars.digit(s.charAt(k))) {
                    k++;
                }
                if (k < end && (s.charAt(k) == '.' || s.charAt(k) == ')')) {
                    out.add(j, k + 1, "code-punct");
                    j = k + 1;
                }
                return j;
            } else if (c == ' ') {
                j++;
            } else {
                return j;
            }
        }
        return j;
    }

    private void inline(int i, int end) {
        while (i < end) {
            char c = s.charAt(i);
            if (c == '`') {
                int close = Chars.indexOf(s, '`', i + 1, end);
                int stop = close < 0 ? end : close + 1;
                out.add(i, stop, "code-string");
                i = stop;
            } else if (c == '*' || c == '_' || c == '~') {
                int stop = i;
                while (stop < end && s.charAt(stop) == c) {
                    stop++;
                }
                out.add(i, stop, "code-punct");
                i = stop;
            } else if (c == ']' && i + 1 < end && s.charAt(i + 1) == '(') {
                int close = Chars.indexOf(s, ')', i + 2, end);
                int stop = close < 0 ? end : close + 1;
                out.add(i + 1, stop, "code-attr");
                i = stop;
            } else {
                i++;
            }
        }
    }
}
