package dev.builderdesk.protocol;

import java.util.List;

/**
 * Body of {@code POST /admin/apps/{app_id}/coding-agent/compare-groups} (ours, docs/api-additions.md): one prompt,
 * 2–6 attempts (a model may appear more than once; a null model is Auto), whether the comparison is blind, and
 * optionally the draft revision the user saw (a stale one is a 409 {@code REVISION_CONFLICT}).
 */
public record CreateComparisonRequest(String input, List<Attempt> attempts, boolean blind, String baseRevisionId) {

    /** One column of the comparison: a model id (null: Auto) and an engine (null: the server's default). */
    public record Attempt(String modelId, String engine) {
    }
}
