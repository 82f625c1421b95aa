package dev.builderdesk.protocol;

import java.util.List;

/**
 * Response of {@code POST /providers/{id}/discover}: the model ids the endpoint offers ({@code models}, in its
 * order), ours: each with the capability the server tells from the listing ({@code offered}, ADR 0012), and the
 * chat models added to the registry when the request asked for it ({@code added}; empty otherwise).
 */
public record ProviderModels(String providerId, List<String> models, List<Offered> offered, List<Model> added) {
    public ProviderModels {
        models = models == null ? List.of() : List.copyOf(models);
        offered = offered == null ? List.of() : List.copyOf(offered);
        added = added == null ? List.of() : List.copyOf(added);
    }

    /** One model of the listing and what it is for: {@code chat}, {@code embedding}, {@code speech_to_text}, ... */
    public record Offered(String id, String capabilityType) {
        public boolean isChat() {
            return Model.CHAT.equals(capabilityType);
        }
    }

    /** The offered models that can drive a coding agent. */
    public List<Offered> chatModels() {
        return offered.stream().filter(Offered::isChat).toList();
    }
}
