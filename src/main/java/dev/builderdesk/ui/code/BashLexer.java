package dev.builderdesk.ui.code;

import java.util.Set;

/**
 * Shell commands and scripts: comments, single- and double-quoted strings (with the variables inside the
 * latter), variables ({@code $X}, {@code ${X}}, {@code $1}, {@code $?}), the command word of each command,
 * keywords, flags, assignments and a console's {@code $ } prompt.
 *
 * <p>A word is the command when it comes first on a line or after {@code | ; & && || ( $(} or a keyword such
 * as {@code then}; that is enough for the pipelines and scripts an answer shows.
 */
final class BashLexer extends Lexer {
    private static final Set<String> KEYWORDS = Set.of(
            "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in",
            "function", "select", "return", "export", "local", "readonly", "declare", "unset", "time");

    private boolean command = true;

    BashLexer(String code, SpanSink out) {
        super(code, out);
    }

    @Override
    void run() {
        boolean lineStart = true;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                i++;
                command = true;
                lineStart = true;
                continue;
            }
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (lineStart && c == '$' && i + 1 < n && s.charAt(i + 1) == ' ') {
                out.add(i, i + 1, "code-meta");
                i += 2;
                lineStart = false;
                continue;
            }
            lineStart = false;
            boolean wordStart = i == 0 || Chars.space(s.charAt(i - 1)) || ";|&(".indexOf(s.charAt(i - 1)) >= 0;
            if (c == '#' && wordStart) {
                int end = Chars.lineEnd(s, i);
                out.add(i, end, "code-comment");
                i = end;
            } else if (c == '\'') {
                singleQuoted();
                command = false;
            } else if (c == '"') {
                doubleQuoted();
                command = false;
            } else if (c == '$') {
                variable();
            } else if (c == '|' || c == ';' || c == '&' || c == '(' || c == ')' || c == '`') {
                out.add(i, i + 1, "code-punct");
                command = c != ')';
                i++;
            } else if (c == '<' || c == '>' || c == '{' || c == '}' || c == '[' || c == ']' || c == '=') {
                out.add(i, i + 1, "code-punct");
                i++;
            } else if (c == '-' && wordStart) {
                int end = word(i);
                out.add(i, end, "code-attr");
                i = end;
            } else {
                plainWord();
            }
        }
    }

    private void plainWord() {
        int end = word(i);
        if (end == i) {
            i++;
            return;
        }
        int eq = Chars.indexOf(s, '=', i, end);
        if (command && eq > i && eq < end && isName(i, eq)) {
            out.add(i, eq, "code-variable");
            out.add(eq, eq + 1, "code-punct");
            i = eq + 1;
            assignedValue();
            return;
        }
        String w = s.substring(i, end);
        if (command && KEYWORDS.contains(w)) {
            out.add(i, end, "code-keyword");
            command = !w.equals("in") && !w.equals("export") && !w.equals("local") && !w.equals("function");
        } else if (command) {
            out.add(i, end, "code-function");
            command = w.equals("sudo") || w.equals("env") || w.equals("exec") || w.equals("xargs");
        }
        i = end;
    }

    /** The value of {@code NAME=value} before a command, which stays in command position. */
    private void assignedValue() {
        if (i < n && s.charAt(i) == '"') {
            doubleQuoted();
        } else if (i < n && s.charAt(i) == '\'') {
            singleQuoted();
        } else {
            i = word(i);
        }
        command = true;
    }

    private boolean isName(int from, int to) {
        for (int j = from; j < to; j++) {
            if (!Chars.identPart(s.charAt(j)) || s.charAt(j) == '$') {
                return false;
            }
        }
        return !Chars.digit(s.charAt(from));
    }

    private int word(int from) {
        int j = from;
        while (j < n && !Chars.space(s.charAt(j)) && "|;&()<>\"'`$".indexOf(s.charAt(j)) < 0) {
            j++;
        }
        return j;
    }

    /** {@code '...'}: no escapes and no variables inside. */
    private void singleQuoted() {
        int end = Chars.past(s, "'", i + 1);
        out.add(i, end, "code-string");
        i = end;
    }

    /** {@code "..."} with the variables inside it ({@code $X}, {@code ${X}}, {@code $1}) as variables. */
    private void doubleQuoted() {
        i = Chars.interpolated(s, i, out, this::variableAt, this::variableFrom);
    }

    /** Whether a variable starts at {@code j} inside double quotes ({@code $X}, {@code ${X}}, {@code $1}). */
    private boolean variableAt(int j) {
        return s.charAt(j) == '$' && j + 1 < n
                && (Chars.identStart(s.charAt(j + 1)) || s.charAt(j + 1) == '{' || Chars.digit(s.charAt(j + 1)));
    }

    /** The variable at {@code j}; returns the index after it. */
    private int variableFrom(int j) {
        i = j;
        variable();
        return i;
    }

    private void variable() {
        int start = i;
        int j = i + 1;
        if (j < n && s.charAt(j) == '{') {
            while (j < n && s.charAt(j) != '}' && s.charAt(j) != '\n') {
                j++;
            }
            j = Math.min(j + 1, n);
        } else if (j < n && s.charAt(j) == '(') {
            out.add(i, i + 2, "code-punct");
            i += 2;
            command = true;
            return;
        } else if (j < n && (Chars.identStart(s.charAt(j)) && s.charAt(j) != '$')) {
            while (j < n && Chars.identPart(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
        } else if (j < n && (Chars.digit(s.charAt(j)) || "?@#*!$-".indexOf(s.charAt(j)) >= 0)) {
            j++;
        }
        out.add(start, j, "code-variable");
        i = j;
        command = false;
    }
}
