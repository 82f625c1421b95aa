package dev.builderdesk.protocol;

import java.util.List;

/**
 * Body of {@code POST /admin/apps/{app_id}/coding-agent/runs}. Null fields take the contract's defaults:
 * {@code modelId} null is Auto, {@code engine} null is the server default, {@code autoApply} null is true.
 */
public record CreateRunRequest(
        String input,
        String modelId,
        String engine,
        String baseRevisionId,
        List<HistoryMessage> messages,
        String chatSessionId,
        Boolean autoApply,
        String compareGroupId,
        String clientMessageId) {
}
