package dev.builderdesk.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A comparison: the runs that answered one prompt with different models, and the verdict if one was recorded.
 * {@code blind} and {@code labels} are ours (docs/api-additions.md): {@code labels} maps each attempt's run id to its
 * letter ("A", "B", …) in the shuffled order the attempts were created in; while a blind group has no verdict, its
 * runs carry no model id or name anywhere.
 */
public record CompareGroup(String id, String input, Instant createdAt, List<Run> runs, Verdict verdict,
        boolean blind, Map<String, String> labels) {

    /** A comparison from a server that does not label its attempts (compat). */
    public CompareGroup(String id, String input, Instant createdAt, List<Run> runs, Verdict verdict) {
        this(id, input, createdAt, runs, verdict, false, Map.of());
    }

    /** "A" for the attempt labelled A; null when the server gave no labels. */
    public String labelOf(String runId) {
        return labels == null ? null : labels.get(runId);
    }
}
