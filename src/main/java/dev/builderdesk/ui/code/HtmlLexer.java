package dev.builderdesk.ui.code;

import java.util.Locale;

/**
 * HTML (and SVG or XML): comments, doctype and processing instructions as meta, tags, attributes and their
 * values, entities; the insides of {@code <script>} and {@code <style>} are handed to the script and CSS lexers.
 */
final class HtmlLexer extends Lexer {
    HtmlLexer(String code, SpanSink out) {
        super(code, out);
    }

    @Override
    void run() {
        while (i < n) {
            char c = s.charAt(i);
            if (s.startsWith("<!--", i)) {
                int end = Chars.past(s, "-->", i + 4);
                out.add(i, end, "code-comment");
                i = end;
            } else if (c == '<' && i + 1 < n && (s.charAt(i + 1) == '!' || s.charAt(i + 1) == '?')) {
                int end = Chars.past(s, ">", i);
                out.add(i, end, "code-meta");
                i = end;
            } else if (c == '<' && i + 1 < n && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '/')) {
                String name = tag();
                if (name.equals("script") || name.equals("style")) {
                    embedded(name);
                }
            } else if (c == '&') {
                int end = i + 1;
                while (end < n && end - i < 12 && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '#')) {
                    end++;
                }
                if (end < n && s.charAt(end) == ';') {
                    out.add(i, end + 1, "code-keyword");
                    i = end + 1;
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
    }

    /** A tag from its '<'; returns the lower-case name of an opening tag, or "" for a closing one. */
    private String tag() {
        out.add(i, i + 1, "code-punct");
        i++;
        boolean closing = false;
        if (i < n && s.charAt(i) == '/') {
            closing = true;
            out.add(i, i + 1, "code-punct");
            i++;
        }
        int end = name(i);
        String name = s.substring(i, end).toLowerCase(Locale.ROOT);
        out.add(i, end, "code-tag");
        i = end;
        while (i < n) {
            char c = s.charAt(i);
            if (Chars.space(c)) {
                i++;
            } else if (c == '>') {
                out.add(i, i + 1, "code-punct");
                i++;
                return closing ? "" : name;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '>') {
                out.add(i, i + 2, "code-punct");
                i += 2;
                return "";
            } else if (c == '<') {
                // An unclosed tag: the next one starts here.
                return "";
            } else {
                attribute();
            }
        }
        return "";
    }

    private void attribute() {
        int end = name(i);
        if (end == i) {
            i++;
            return;
        }
        out.add(i, end, "code-attr");
        i = end;
        int j = Chars.skipSpace(s, i);
        if (j >= n || s.charAt(j) != '=') {
            return;
        }
        out.add(j, j + 1, "code-punct");
        i = Chars.skipSpace(s, j + 1);
        if (i >= n) {
            return;
        }
        int stop;
        if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
            stop = Chars.past(s, String.valueOf(s.charAt(i)), i + 1);
        } else {
            stop = i;
            while (stop < n && !Chars.space(s.charAt(stop)) && s.charAt(stop) != '>') {
                stop++;
            }
        }
        out.add(i, stop, "code-string");
        i = stop;
    }

    private void embedded(String name) {
        String closing = "</" + name;
        int end = i;
        while (end < n && !(s.charAt(end) == '<' && s.regionMatches(true, end, closing, 0, closing.length()))) {
            end++;
        }
        out.embed(s, i, end, name.equals("script")
                ? (code, sink) -> new ScriptLexer(code, sink, false, false).run()
                : (code, sink) -> new CssLexer(code, sink).run());
        i = end;
    }

    private int name(int from) {
        int j = from;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || "-_:.".indexOf(s.charAt(j)) >= 0)) {
            j++;
        }
        return j;
    }
}
