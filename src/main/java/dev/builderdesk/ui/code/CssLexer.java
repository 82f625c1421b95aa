package dev.builderdesk.ui.code;

/**
 * CSS: comments, at-rules, selectors (elements as tags, classes and ids as types, pseudo-classes and attribute
 * selectors as attributes), properties, and in values numbers with units, colours, strings, functions and
 * custom properties.
 *
 * <p>Whether a statement is a rule (selector) or a declaration is decided by what comes first after it:
 * {@code {} makes it a rule, {@code ;} or {@code }} a declaration. That also handles rules nested in
 * {@code @media} without tracking the grammar. Each character is looked at by at most two scans.
 */
final class CssLexer extends Lexer {
    /** The rule-or-declaration decision of {@link #ruleAhead()} holds up to this index, so no text is rescanned. */
    private int decidedUntil = -1;
    private boolean decidedRule;

    CssLexer(String code, SpanSink out) {
        super(code, out);
    }

    @Override
    void run() {
        while (i < n) {
            char c = s.charAt(i);
            if (Chars.space(c)) {
                i++;
            } else if (comment()) {
                continue;
            } else if (c == '{' || c == '}' || c == ';') {
                punct();
            } else if (c == '@') {
                atRule();
            } else if (ruleAhead()) {
                selector();
            } else {
                declaration();
            }
        }
    }

    private boolean comment() {
        if (i + 1 < n && s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
            int end = Chars.past(s, "*/", i + 2);
            out.add(i, end, "code-comment");
            i = end;
            return true;
        }
        return false;
    }

    /** Whether a '{' comes before the next ';' or '}' (outside strings and comments). */
    private boolean ruleAhead() {
        if (i < decidedUntil) {
            return decidedRule;
        }
        int j = i;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '{' || c == ';' || c == '}') {
                decidedUntil = j;
                decidedRule = c == '{';
                return decidedRule;
            }
            if (c == '"' || c == '\'') {
                j = Chars.quoted(s, j, false);
            } else if (c == '/' && j + 1 < n && s.charAt(j + 1) == '*') {
                j = Chars.past(s, "*/", j + 2);
            } else {
                j++;
            }
        }
        decidedUntil = n;
        decidedRule = false;
        return false;
    }

    private void atRule() {
        int end = i + 1;
        while (end < n && (Chars.identPart(s.charAt(end)) || s.charAt(end) == '-')) {
            end++;
        }
        out.add(i, end, "code-keyword");
        i = end;
        value(true);
    }

    private void selector() {
        while (i < n) {
            char c = s.charAt(i);
            if (c == '{') {
                return;
            }
            if (comment()) {
                continue;
            }
            if (Chars.space(c)) {
                i++;
            } else if (c == '.' || c == '#') {
                int end = name(i + 1);
                out.add(i, end, "code-type");
                i = Math.max(end, i + 1);
            } else if (c == ':') {
                int start = i;
                while (i < n && s.charAt(i) == ':') {
                    i++;
                }
                int end = name(i);
                out.add(start, end, "code-attr");
                i = end;
            } else if (c == '[') {
                int end = i + 1;
                while (end < n && s.charAt(end) != '{' && s.charAt(end) != '\n') {
                    end++;
                    if (s.charAt(end - 1) == ']') {
                        break;
                    }
                }
                out.add(i, end, "code-attr");
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = Chars.quoted(s, i, false);
                out.add(i, end, "code-string");
                i = end;
            } else if (Character.isLetter(c) || c == '*' || c == '-' || c == '_') {
                int end = name(i + 1);
                out.add(i, end, "code-tag");
                i = end;
            } else {
                out.add(i, i + 1, "code-punct");
                i++;
            }
        }
    }

    private void declaration() {
        int start = i;
        int end = name(i);
        if (end == start) {
            // Something that is neither a name nor punctuation we know: plain, one character.
            i++;
            return;
        }
        out.add(start, end, "code-property");
        i = Chars.skipSpace(s, end);
        if (i < n && s.charAt(i) == ':') {
            out.add(i, i + 1, "code-punct");
            i++;
            value(false);
        }
    }

    /** A value (or an at-rule's prelude, which may end at '{') up to ';', '}' or '{', left unread. */
    private void value(boolean prelude) {
        while (i < n) {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : '\0';
            if (c == ';' || c == '}' || (c == '{' && prelude)) {
                return;
            }
            if (comment()) {
                continue;
            }
            if (Chars.space(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = Chars.quoted(s, i, false);
                out.add(i, end, "code-string");
                i = end;
            } else if (c == '#' && Character.isLetterOrDigit(next)) {
                int end = name(i + 1);
                out.add(i, end, "code-number");
                i = end;
            } else if (Chars.digit(c) || (c == '.' && Chars.digit(next))
                    || ((c == '-' || c == '+') && (Chars.digit(next) || next == '.'))) {
                int end = Chars.number(s, c == '-' || c == '+' ? i + 1 : i);
                while (end < n && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '%')) {
                    end++;
                }
                out.add(i, end, "code-number");
                i = end;
            } else if (c == '-' && next == '-') {
                int end = name(i);
                out.add(i, end, "code-variable");
                i = end;
            } else if (c == '!') {
                int end = name(i + 1);
                out.add(i, end, "code-keyword");
                i = end;
            } else if (Character.isLetter(c) || c == '-' || c == '_') {
                int end = name(i);
                if (end < n && s.charAt(end) == '(') {
                    out.add(i, end, "code-function");
                }
                i = Math.max(end, i + 1);
            } else {
                out.add(i, i + 1, "code-punct");
                i++;
            }
        }
    }

    private int name(int from) {
        int j = from;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '-' || s.charAt(j) == '_'
                || s.charAt(j) == '\\')) {
            j++;
        }
        return j;
    }

    private void punct() {
        out.add(i, i + 1, "code-punct");
        i++;
    }
}
