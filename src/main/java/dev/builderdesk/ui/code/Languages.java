package dev.builderdesk.ui.code;

import java.util.Locale;
import java.util.Map;

/** Names a highlighting language from a fence's info string or a file's name; unknown ones stay plain. */
public final class Languages {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("ts", "ts"), Map.entry("typescript", "ts"), Map.entry("tsx", "tsx"),
            Map.entry("js", "js"), Map.entry("javascript", "js"), Map.entry("mjs", "js"), Map.entry("cjs", "js"),
            Map.entry("jsx", "jsx"), Map.entry("css", "css"), Map.entry("html", "html"), Map.entry("htm", "html"),
            Map.entry("json", "json"), Map.entry("bash", "bash"), Map.entry("sh", "bash"), Map.entry("shell", "bash"),
            Map.entry("zsh", "bash"), Map.entry("console", "bash"), Map.entry("diff", "diff"),
            Map.entry("patch", "diff"), Map.entry("md", "md"), Map.entry("markdown", "md"));

    private Languages() {
    }

    /** The language of a fenced block's info string ("tsx", "TypeScript", "ts title=x"), or "" when unknown. */
    public static String ofFence(String info) {
        if (info == null || info.isBlank()) {
            return "";
        }
        String word = info.strip().split("[\\s{]", 2)[0].toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(word, "");
    }

    /** The language of a file by its extension ("src/App.tsx" → "tsx"), or "" when unknown. */
    public static String ofPath(String path) {
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        if (dot < 0 || dot < slash) {
            return "";
        }
        return ALIASES.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), "");
    }
}
