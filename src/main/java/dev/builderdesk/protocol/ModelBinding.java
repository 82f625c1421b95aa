package dev.builderdesk.protocol;

import java.util.Map;

/**
 * One way to serve a model: which provider ({@code provider}, a provider id) and under which name the provider
 * knows it ({@code providerModelId}). The lowest {@code priority} among enabled bindings serves a run.
 */
public record ModelBinding(
        String id,
        String provider,
        String providerModelId,
        int priority,
        boolean isEnabled,
        Map<String, Object> config,
        String credentialsRef) {
}
