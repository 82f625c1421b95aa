package dev.builderdesk.protocol;

import java.util.List;

/** Response of {@code POST /providers/{id}/discover}: the model ids the endpoint offers. */
public record ProviderModels(String providerId, List<String> models) {
}
