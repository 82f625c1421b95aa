package dev.builderdesk.protocol;

import java.util.Map;

/** The user's judgement of a comparison: the winner (or none), 1–5 ratings per run, notes, and whether it was blind. */
public record Verdict(String winnerRunId, Map<String, Integer> ratings, String notes, boolean blind) {
}
