package dev.builderdesk.ui.code;

/**
 * JSON (and JSON with comments): keys as properties, string values as strings, numbers, {@code true},
 * {@code false} and {@code null} as keywords, punctuation. A string is a key when a ':' follows it.
 */
final class JsonLexer extends Lexer {
    JsonLexer(String code, SpanSink out) {
        super(code, out);
    }

    @Override
    void run() {
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Chars.space(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = Chars.quoted(s, i, false);
                int j = Chars.skipSpace(s, end);
                out.add(i, end, j < n && s.charAt(j) == ':' ? "code-property" : "code-string");
                i = end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                int end = Chars.lineEnd(s, i);
                out.add(i, end, "code-comment");
                i = end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = Chars.past(s, "*/", i + 2);
                out.add(i, end, "code-comment");
                i = end;
            } else if (Chars.digit(c) || (c == '-' && i + 1 < n && Chars.digit(s.charAt(i + 1)))) {
                int end = Chars.number(s, c == '-' ? i + 1 : i);
                out.add(i, end, "code-number");
                i = end;
            } else if (Character.isLetter(c)) {
                int end = Chars.ident(s, i);
                String word = s.substring(i, end);
                if (word.equals("true") || word.equals("false") || word.equals("null")) {
                    out.add(i, end, "code-keyword");
                }
                i = end;
            } else if ("{}[]:,".indexOf(c) >= 0) {
                out.add(i, i + 1, "code-punct");
                i++;
            } else {
                i++;
            }
        }
    }
}
