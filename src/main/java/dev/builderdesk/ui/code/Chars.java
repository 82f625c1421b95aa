package dev.builderdesk.ui.code;

import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/** Character tests and scans shared by the lexers. */
final class Chars {
    private Chars() {
    }

    static boolean identStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    static boolean identPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /** The index of the end of the line holding {@code i} (its line break, or the text's length). */
    static int lineEnd(String s, int i) {
        return skipWhile(s, i, c -> c != '\n' && c != '\r');
    }

    /** The index after the quoted string starting at {@code i}; backslash escapes; stops at a line break. */
    static int quoted(String s, int i, boolean multiline) {
        char quote = s.charAt(i);
        int n = s.length();
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == quote) {
                return j + 1;
            } else if (!multiline && (c == '\n' || c == '\r')) {
                return j;
            } else {
                j++;
            }
        }
        return n;
    }

    /** The index after a number starting at {@code i}: digits, a fraction, an exponent, hex, separators. */
    static int number(String s, int i) {
        int n = s.length();
        int j = i;
        if (j + 1 < n && s.charAt(j) == '0' && "xXbBoO".indexOf(s.charAt(j + 1)) >= 0) {
            j += 2;
            while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            return j;
        }
        while (j < n && (digit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j < n && s.charAt(j) == '.' && j + 1 < n && digit(s.charAt(j + 1))) {
            j++;
            while (j < n && digit(s.charAt(j))) {
                j++;
            }
        }
        if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                k++;
            }
            if (k < n && digit(s.charAt(k))) {
                j = k;
                while (j < n && digit(s.charAt(j))) {
                    j++;
                }
            }
        }
        if (j < n && s.charAt(j) == 'n') {
            j++;
        }
        return j;
    }

    /** The index of {@code c} in {@code s[from, to)}, or -1: a search that never runs past its line. */
    static int indexOf(String s, char c, int from, int to) {
        for (int j = from; j < to; j++) {
            if (s.charAt(j) == c) {
                return j;
            }
        }
        return -1;
    }

    /**
     * The index after the first {@code close} at or after {@code from}, or the text's length when it never comes: an
     * unclosed comment, string or tag runs to the end of the text.
     */
    static int past(String s, String close, int from) {
        int at = s.indexOf(close, from);
        return at < 0 ? s.length() : at + close.length();
    }

    /** The index of the first character at or after {@code i} that is not white space, or the text's length. */
    static int skipSpace(String s, int i) {
        return skipWhile(s, i, Chars::space);
    }

    /**
     * Reports the string starting with the quote at {@code i} whose parts are code (a shell's {@code "...$X..."}, a
     * JavaScript template's {@code ${...}}) and returns the index after its closing quote (or the text's length).
     * Backslash escapes; the text between parts is {@code code-string}. Where {@code opensPart} holds, {@code part}
     * reports the part from that index itself and returns the index after it, where the string goes on.
     */
    static int interpolated(String s, int i, SpanSink out, IntPredicate opensPart, IntUnaryOperator part) {
        char quote = s.charAt(i);
        int n = s.length();
        int start = i;
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == quote) {
                j++;
                break;
            } else if (opensPart.test(j)) {
                out.add(start, j, "code-string");
                j = part.applyAsInt(j);
                start = j;
            } else {
                j++;
            }
        }
        j = Math.min(j, n);
        out.add(start, j, "code-string");
        return j;
    }

    /** The index after the run of identifier characters starting at {@code i}. */
    static int ident(String s, int i) {
        return skipWhile(s, i, Chars::identPart);
    }

    /** The index of the first character at or after {@code i} that fails {@code test}, or the text's length. */
    private static int skipWhile(String s, int i, CharTest test) {
        int n = s.length();
        int j = i;
        while (j < n && test.test(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** A test of one character, so the tests above can be passed as {@code Chars::space} without boxing. */
    @FunctionalInterface
    private interface CharTest {
        boolean test(char c);
    }
}
