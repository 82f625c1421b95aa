package dev.builderdesk.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command line typed as one line and the argument list it stands for. The verify command runs without a shell,
 * so this splits the way a user expects a shell to — on blanks, with '…' taken literally, "…" and \ escaping — but
 * refuses the shell's operators ({@code | & ; < > ( ) $ `} and {@code *?} outside quotes, {@code $ `} inside "…",
 * where a shell would expand them) instead of passing them on as arguments that would silently do nothing of what
 * they read as.
 */
public final class CommandWords {
    private static final String OPERATORS = "|&;<>()$`*?";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CommandWords() {
    }

    /** The arguments of {@code line}; throws {@link IllegalArgumentException} saying what is wrong, in words. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("A ' is not closed.");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("The line ends with a \\.");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (OPERATORS.indexOf(c) >= 0) {
                throw new IllegalArgumentException("\"" + c + "\" would need a shell, and the command runs without"
                        + " one. Quote it to pass it as it is, or run it through sh -c '…'.");
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends the double-quoted text from {@code i} (after the quote) and answers the index after its end. */
    private static int doubleQuoted(String line, int i, StringBuilder word) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '$' || c == '`') {
                throw new IllegalArgumentException("\"" + c + "\" inside \"…\" would need a shell, and the command"
                        + " runs without one. Use '…' to pass it as it is.");
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("A \" is not closed.");
    }

    /**
     * One line that {@link #split} reads back as {@code words}: plain words as they are, others in '…' — or in "…"
     * when they hold a ' but nothing a "…" would need escaped, which reads far better than '\''.
     */
    public static String join(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            if (PLAIN.matcher(w).matches()) {
                out.add(w);
            } else if (w.contains("'") && w.chars().noneMatch(c -> "\"\\$`".indexOf(c) >= 0)) {
                out.add('"' + w + '"');
            } else {
                out.add("'" + w.replace("'", "'\\''") + "'");
            }
        }
        return String.join(" ", out);
    }
}
