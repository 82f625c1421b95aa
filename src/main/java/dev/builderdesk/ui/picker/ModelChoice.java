package dev.builderdesk.ui.picker;

import dev.builderdesk.protocol.Model;

/**
 * A row of the model picker: Auto ({@code id} null) or one active chat model, with what the row shows (provider,
 * context window, whether it can call tools).
 */
public record ModelChoice(String id, String name, String slug, String provider, Integer contextWindow,
        boolean supportsTools) {
    /** Auto: the server picks (tenant default, then global default, then the first active chat model). */
    public static final ModelChoice AUTO = new ModelChoice(null, "Auto", "auto", "", null, true);

    public boolean isAuto() {
        return id == null;
    }

    public static ModelChoice of(Model m) {
        Object label = m.metadata().get("provider_label");
        String provider = label != null ? label.toString()
                : m.providers().isEmpty() ? "" : m.providers().get(0).provider();
        Object context = m.metadata().get("context_window");
        Object tools = m.metadata().get("supports_tools");
        return new ModelChoice(m.id(), m.name(), m.slug(), provider,
                context instanceof Number n ? n.intValue() : null, !(tools instanceof Boolean b) || b);
    }
}
