package dev.builderdesk.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model of the registry ({@code GET /models}). {@code tenantId} is null for a global model.
 * Our optional {@code metadata} keys: {@code provider_label}, {@code context_window}, {@code max_output_tokens},
 * {@code supports_tools}, {@code family}.
 */
public record Model(
        String id,
        String tenantId,
        String name,
        String slug,
        String description,
        String capabilityType,
        String status,
        String version,
        Map<String, Object> metadata,
        Map<String, Object> defaultResolutionPolicy,
        boolean isActive,
        boolean isDefault,
        List<ModelBinding> providers,
        Instant createdAt,
        Instant updatedAt) {

    /** Capability of models that can drive a coding agent. */
    public static final String CHAT = "chat";
}
