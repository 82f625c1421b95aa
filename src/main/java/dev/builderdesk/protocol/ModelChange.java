package dev.builderdesk.protocol;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /models} and {@code PUT /models/{id}}: on update, null fields stay unchanged, except
 * {@code description}, which {@code descriptionGiven} says was sent (a null one clears it).
 */
public record ModelChange(String name, String slug, String description, boolean descriptionGiven,
        String capabilityType, String status, String version, Map<String, Object> metadata,
        Map<String, Object> defaultResolutionPolicy, Boolean isActive, Boolean isDefault,
        List<ModelBinding> providers) {
}
