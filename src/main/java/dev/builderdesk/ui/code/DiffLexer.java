package dev.builderdesk.ui.code;

/**
 * Unified diffs, line by line: file headers and git's extended headers as meta, hunk headers, added and removed
 * lines. A {@code ---} line is a file header only when a {@code +++} line follows it; otherwise it is a removed
 * line that happens to start with dashes.
 */
final class DiffLexer {
    private DiffLexer() {
    }

    static void lex(String s, SpanSink out) {
        int n = s.length();
        int i = 0;
        boolean header = false;
        while (i < n) {
            int end = Chars.lineEnd(s, i);
            int next = end;
            if (next < n && s.charAt(next) == '\r') {
                next++;
            }
            if (next < n && s.charAt(next) == '\n') {
                next++;
            }
            String style = null;
            if (s.startsWith("--- ", i) && s.startsWith("+++ ", next)) {
                style = "code-meta";
                header = true;
            } else if (header && s.startsWith("+++ ", i)) {
                style = "code-meta";
                header = false;
            } else if (s.startsWith("@@", i)) {
                style = "code-hunk";
            } else if (s.startsWith("diff ", i) || s.startsWith("index ", i) || s.startsWith("new file", i)
                    || s.startsWith("deleted file", i) || s.startsWith("similarity ", i)
                    || s.startsWith("rename ", i) || s.startsWith("Binary files", i)) {
                style = "code-meta";
            } else if (i < n && s.charAt(i) == '+') {
                style = "code-added";
            } else if (i < n && s.charAt(i) == '-') {
                style = "code-removed";
            } else if (i < n && s.charAt(i) == '\\') {
                style = "code-comment";
            }
            if (style != null) {
                out.add(i, end, style);
            }
            i = next == i ? i + 1 : next;
        }
    }
}
