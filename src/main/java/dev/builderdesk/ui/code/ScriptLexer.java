package dev.builderdesk.ui.code;

import java.util.Set;

/**
 * JavaScript and TypeScript, with or without JSX: keywords, strings, template literals with their
 * {@code ${...}} parts, comments, numbers, regular expression literals, capitalised names and TypeScript's
 * primitive types as types, and JSX tags, attributes and children.
 *
 * <p>Whether {@code <} opens a JSX tag and {@code /} a regular expression depends on whether the previous token
 * ended a value ({@code a < b} and {@code a / b} versus {@code return <p>} and {@code x = /re/}), the same rule
 * editors use. Nested templates and JSX recurse, so depth is capped: beyond it the text stays plain.
 */
final class ScriptLexer extends Lexer {
    private static final int MAX_DEPTH = 48;
    /** Longest regular expression literal looked for, so a line of stray slashes stays linear. */
    private static final int MAX_REGEX = 400;
    private static final Set<String> KEYWORDS = Set.of(
            "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
            "export", "extends", "finally", "for", "function", "if", "import", "in", "instanceof", "let", "new",
            "return", "super", "switch", "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield",
            "async", "await", "of", "from", "as", "null", "true", "false", "undefined", "static");
    private static final Set<String> TS_KEYWORDS = Set.of(
            "type", "interface", "enum", "implements", "declare", "readonly", "public", "private", "protected",
            "abstract", "keyof", "namespace", "satisfies", "infer", "is");
    private static final Set<String> TS_TYPES = Set.of(
            "string", "number", "boolean", "unknown", "any", "never", "object", "bigint", "symbol");
    /** Keywords after which a value ends, so {@code <} and {@code /} are operators. */
    private static final Set<String> VALUE_WORDS = Set.of("this", "super", "null", "true", "false", "undefined");

    private final boolean jsx;
    private final boolean ts;
    private int depth;

    ScriptLexer(String code, SpanSink out, boolean jsx, boolean ts) {
        super(code, out);
        this.jsx = jsx;
        this.ts = ts;
    }

    @Override
    void run() {
        code(false);
    }

    /** Code until the end, or (when nested) until the '}' that closes the enclosing expression, left unread. */
    private void code(boolean nested) {
        boolean valueEnd = false;
        int braces = 0;
        while (i < n) {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : '\0';
            if (Chars.space(c)) {
                i++;
            } else if (c == '/' && next == '/') {
                int end = Chars.lineEnd(s, i);
                out.add(i, end, "code-comment");
                i = end;
            } else if (c == '/' && next == '*') {
                int end = Chars.past(s, "*/", i + 2);
                out.add(i, end, "code-comment");
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = Chars.quoted(s, i, false);
                out.add(i, end, "code-string");
                i = end;
                valueEnd = true;
            } else if (c == '`') {
                template();
                valueEnd = true;
            } else if (Chars.digit(c) || (c == '.' && Chars.digit(next))) {
                int end = Chars.number(s, i);
                out.add(i, end, "code-number");
                i = end;
                valueEnd = true;
            } else if (Chars.identStart(c)) {
                valueEnd = word();
            } else if (c == '<' && jsx && !valueEnd && depth < MAX_DEPTH && tagStart(i + 1)) {
                element();
                valueEnd = true;
            } else if (c == '/' && !valueEnd) {
                regex();
                valueEnd = true;
            } else if (c == '{') {
                braces++;
                punct(1);
                valueEnd = false;
            } else if (c == '}') {
                if (nested && braces == 0) {
                    return;
                }
                braces--;
                punct(1);
                valueEnd = false;
            } else if (c == ')' || c == ']') {
                punct(1);
                valueEnd = true;
            } else {
                punct(1);
                valueEnd = false;
            }
        }
    }

    /** An identifier or keyword; returns whether it ends a value. */
    private boolean word() {
        int end = Chars.ident(s, i);
        String word = s.substring(i, end);
        if (KEYWORDS.contains(word) || (ts && TS_KEYWORDS.contains(word))) {
            out.add(i, end, "code-keyword");
            i = end;
            return VALUE_WORDS.contains(word);
        }
        if ((ts && TS_TYPES.contains(word)) || Character.isUpperCase(word.charAt(0))) {
            out.add(i, end, "code-type");
        } else if (end < n && s.charAt(end) == '(') {
            out.add(i, end, "code-function");
        }
        i = end;
        return true;
    }

    /** A template literal with its {@code ${...}} parts as code (plain text once nesting is too deep). */
    private void template() {
        i = Chars.interpolated(s, i, out, this::templatePartAt, this::templatePartFrom);
    }

    private boolean templatePartAt(int j) {
        return s.charAt(j) == '$' && j + 1 < n && s.charAt(j + 1) == '{' && depth < MAX_DEPTH;
    }

    /** The {@code ${...}} part at {@code j}, its braces as punctuation; returns the index after its '}'. */
    private int templatePartFrom(int j) {
        i = j;
        punct(2);
        nestedCode();
        return i;
    }

    /** An expression inside braces (template part, JSX child or attribute), then its closing '}'. */
    private void nestedCode() {
        depth++;
        code(true);
        depth--;
        if (i < n && s.charAt(i) == '}') {
            punct(1);
        }
    }

    private void regex() {
        int j = i + 1;
        int limit = Math.min(n, i + MAX_REGEX);
        boolean inClass = false;
        while (j < limit) {
            char c = s.charAt(j);
            if (c == '\n' || c == '\r') {
                // Not a regular expression after all (a division at a line's end): just the slash.
                punct(1);
                return;
            }
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                j++;
                while (j < n && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                out.add(i, j, "code-string");
                i = j;
                return;
            }
            j++;
        }
        punct(1);
    }

    private boolean tagStart(int at) {
        return at < n && (Character.isLetter(s.charAt(at)) || s.charAt(at) == '>');
    }

    /** A JSX element from its '<': the opening tag, its children and its closing tag. */
    private void element() {
        depth++;
        if (openTag()) {
            children();
        }
        depth--;
    }

    /** A tag from its '<'; returns whether it opened an element that has children (not {@code />}, not closing). */
    private boolean openTag() {
        punct(1);
        boolean closing = false;
        if (i < n && s.charAt(i) == '/') {
            closing = true;
            punct(1);
        }
        int nameEnd = i;
        while (nameEnd < n && (Chars.identPart(s.charAt(nameEnd)) || ".-:".indexOf(s.charAt(nameEnd)) >= 0)) {
            nameEnd++;
        }
        out.add(i, nameEnd, "code-tag");
        i = nameEnd;
        while (i < n) {
            char c = s.charAt(i);
            if (Chars.space(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '>') {
                punct(2);
                return false;
            } else if (c == '>') {
                punct(1);
                return !closing;
            } else if (c == '{') {
                punct(1);
                nestedCode();
            } else if (Chars.identStart(c)) {
                attribute();
            } else {
                // Not JSX we understand: stop here and let the code lexer go on.
                return false;
            }
        }
        return false;
    }

    private void attribute() {
        int end = i;
        while (end < n && (Chars.identPart(s.charAt(end)) || s.charAt(end) == '-' || s.charAt(end) == ':')) {
            end++;
        }
        out.add(i, end, "code-attr");
        i = Chars.skipSpace(s, end);
        if (i >= n || s.charAt(i) != '=') {
            return;
        }
        punct(1);
        i = Chars.skipSpace(s, i);
        if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
            int stop = Chars.quoted(s, i, true);
            out.add(i, stop, "code-string");
            i = stop;
        } else if (i < n && s.charAt(i) == '{') {
            punct(1);
            nestedCode();
        }
    }

    /** JSX children: text, {expressions} and nested elements, up to and including the closing tag. */
    private void children() {
        while (i < n) {
            char c = s.charAt(i);
            if (c == '{') {
                punct(1);
                nestedCode();
            } else if (c == '<' && i + 1 < n && s.charAt(i + 1) == '/') {
                openTag();
                return;
            } else if (c == '<' && tagStart(i + 1) && depth < MAX_DEPTH) {
                element();
            } else {
                i++;
            }
        }
    }

    private void punct(int length) {
        out.add(i, i + length, "code-punct");
        i += length;
    }
}
