package dev.builderdesk.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user's judgement of a comparison: its outcome, the winner (only when the outcome is {@code winner}), 1–5
 * ratings per run, notes, and whether it was judged blind.
 */
public record Verdict(String winnerRunId, Map<String, Integer> ratings, String notes, boolean blind, String outcome) {
    public static final String WINNER = "winner";
    public static final String TIE = "tie";
    public static final String ALL_BAD = "all_bad";

    public Verdict {
        // In the order given: a message about the first unknown run names the one the client sent first.
        ratings = ratings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ratings));
        notes = notes == null ? "" : notes;
        if (outcome == null) {
            // A verdict saved before outcomes existed (or by a client that sends none): a winner, or a tie.
            outcome = winnerRunId != null ? WINNER : TIE;
        }
    }

    /** A verdict as CONTRACT §4.7 spells it: the outcome follows from whether there is a winner. */
    public Verdict(String winnerRunId, Map<String, Integer> ratings, String notes, boolean blind) {
        this(winnerRunId, ratings, notes, blind, null);
    }

    @JsonIgnore
    public boolean isTie() {
        return TIE.equals(outcome);
    }

    @JsonIgnore
    public boolean allBad() {
        return ALL_BAD.equals(outcome);
    }
}
