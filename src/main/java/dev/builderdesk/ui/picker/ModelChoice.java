package dev.builderdesk.ui.picker;

import dev.builderdesk.protocol.Model;
import java.util.Locale;

/**
 * A row of the model picker: Auto ({@code id} null) or one active chat model, with what the row shows (provider,
 * context window, whether it can call tools) and the name its provider knows it by ({@code providerModelId}, empty
 * when unknown), which the row's tooltip shows beside the full name.
 */
public record ModelChoice(String id, String name, String slug, String provider, Integer contextWindow,
        boolean supportsTools, String providerModelId) {
    /** Auto: the server picks (tenant default, then global default, then the first active chat model). */
    public static final ModelChoice AUTO = new ModelChoice(null, "Auto", "auto", "", null, true);

    public ModelChoice {
        providerModelId = providerModelId == null ? "" : providerModelId;
    }

    /** A choice whose provider model id is not known. */
    public ModelChoice(String id, String name, String slug, String provider, Integer contextWindow,
            boolean supportsTools) {
        this(id, name, slug, provider, contextWindow, supportsTools, "");
    }

    public boolean isAuto() {
        return id == null;
    }

    /** What the row's tooltip says: the full name, the id its provider knows it by, what the badges abbreviate. */
    public String details() {
        StringBuilder text = new StringBuilder(name());
        String id = !providerModelId.isBlank() ? providerModelId : slug;
        if (id != null && !id.isBlank() && !id.equals(name())) {
            text.append('\n').append(id);
        }
        StringBuilder facts = new StringBuilder(provider() == null ? "" : provider());
        if (contextWindow() != null) {
            facts.append(facts.isEmpty() ? "" : " · ").append(String.format(Locale.ROOT, "%,d", contextWindow()))
                    .append(" tokens of context");
        }
        if (!supportsTools()) {
            facts.append(facts.isEmpty() ? "" : " · ").append("cannot call tools");
        }
        if (!facts.isEmpty()) {
            text.append('\n').append(facts);
        }
        return text.toString();
    }

    public static ModelChoice of(Model m) {
        Object label = m.metadata().get("provider_label");
        String provider = label != null ? label.toString()
                : m.providers().isEmpty() ? "" : m.providers().get(0).provider();
        Object context = m.metadata().get("context_window");
        Object tools = m.metadata().get("supports_tools");
        String providerModelId = m.providers().isEmpty() || m.providers().get(0).providerModelId() == null ? ""
                : m.providers().get(0).providerModelId();
        return new ModelChoice(m.id(), m.name(), m.slug(), provider,
                context instanceof Number n ? n.intValue() : null, !(tools instanceof Boolean b) || b,
                providerModelId);
    }
}
