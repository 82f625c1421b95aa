package dev.builderdesk.server.runs;

import java.util.Locale;
import java.util.Set;

/** The answer shown when a run completes without any assistant text (CONTRACT.md §5). */
public final class FallbackText {
    private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "yo", "shalom");

    private FallbackText() {
    }

    /** The final output when it has text, else the prompt-aware sentence. */
    public static String of(String finalOutput, String prompt) {
        if (finalOutput != null && !finalOutput.isBlank()) {
            return finalOutput.strip();
        }
        String p = prompt == null ? "" : prompt.strip().toLowerCase(Locale.ROOT);
        String bare = p.replaceAll("[\\p{Punct}\\s]+$", "");
        if (GREETINGS.contains(bare)) {
            return "Hi. I can edit app code, run checks, and explain changes. What would you like to change?";
        }
        if (p.contains("what can you do") || bare.equals("help") || p.contains("how can you help")) {
            return "I can inspect and edit files, run targeted checks/tests, and create or restore checkpoints."
                    + " Tell me what you want to build or fix.";
        }
        return "I can help with code changes, debugging, and verification in this app workspace. Tell me your goal.";
    }
}
