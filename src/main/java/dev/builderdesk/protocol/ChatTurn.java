package dev.builderdesk.protocol;

import java.time.Instant;

/** One stored turn of a thread; assistant turns name the model that answered. */
public record ChatTurn(
        String id,
        String runId,
        String role,
        String content,
        String modelId,
        String modelName,
        Instant createdAt) {
}
