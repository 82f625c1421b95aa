package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.HistoryMessage;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The history a run starts from (CONTRACT.md §4.5): normalised, the prompt appended once, compacted to a budget. */
public final class ConversationHistory {
    private static final Set<String> ROLES = Set.of("user", "assistant", "system");

    private ConversationHistory() {
    }

    /** Keeps known roles with non-blank content and appends the prompt unless it is already the last message. */
    public static List<HistoryMessage> normalise(List<HistoryMessage> messages, String input) {
        List<HistoryMessage> kept = new ArrayList<>();
        for (HistoryMessage m : messages) {
            if (m.role() == null || m.content() == null) {
                continue;
            }
            String role = m.role().strip().toLowerCase(Locale.ROOT);
            if (ROLES.contains(role) && !m.content().isBlank()) {
                kept.add(new HistoryMessage(role, m.content()));
            }
        }
        HistoryMessage prompt = new HistoryMessage("user", input);
        if (kept.isEmpty() || !kept.get(kept.size() - 1).equals(prompt)) {
            kept.add(prompt);
        }
        return kept;
    }

    /**
     * Keeps the newest message, then walks back keeping every older message that still fits the budget (skipping,
     * not stopping at, one that does not), and says how many were left out.
     */
    public static List<HistoryMessage> compact(List<HistoryMessage> messages, int budgetChars) {
        int total = messages.stream().mapToInt(m -> m.content().length()).sum();
        if (total <= budgetChars || messages.isEmpty()) {
            return messages;
        }
        LinkedList<HistoryMessage> kept = new LinkedList<>();
        HistoryMessage newest = messages.get(messages.size() - 1);
        kept.add(newest);
        int used = newest.content().length();
        int omitted = 0;
        for (int i = messages.size() - 2; i >= 0; i--) {
            HistoryMessage m = messages.get(i);
            if (used + m.content().length() <= budgetChars) {
                kept.addFirst(m);
                used += m.content().length();
            } else {
                omitted++;
            }
        }
        if (omitted > 0) {
            kept.addFirst(new HistoryMessage("system",
                    "Context compacted: " + omitted + " earlier message(s) omitted to stay within budget."));
        }
        return List.copyOf(kept);
    }
}
