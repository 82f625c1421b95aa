package dev.builderdesk.protocol;

import java.time.Instant;
import java.util.List;

/** A comparison: the runs that answered one prompt with different models, and the verdict if one was recorded. */
public record CompareGroup(String id, String input, Instant createdAt, List<Run> runs, Verdict verdict) {
}
