package dev.builderdesk.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The envelope of every stream event (CONTRACT.md §5). {@code seq} is durable: assigned once per run from 1 and
 * strictly increasing. The payload stays a JSON tree on the wire so unknown events remain readable.
 */
public record StreamEvent(
        String event,
        String runId,
        String appId,
        long seq,
        Instant ts,
        String stage,
        JsonNode payload,
        List<Diagnostic> diagnostics) {
}
