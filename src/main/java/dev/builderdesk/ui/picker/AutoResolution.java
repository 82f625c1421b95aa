package dev.builderdesk.ui.picker;

import dev.builderdesk.protocol.Model;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which model Auto will run, by the contract's chain over the active chat models the tenant sees: the tenant's
 * default, else the global default, else the first by name then id. Shown as a hint on the Auto row; the server
 * still decides, and every run records what it resolved to.
 */
public final class AutoResolution {
    private AutoResolution() {
    }

    public static Optional<Model> resolve(List<Model> activeChatModels) {
        List<Model> active = activeChatModels.stream().filter(Model::isActive).toList();
        return active.stream().filter(m -> m.isDefault() && m.tenantId() != null).findFirst()
                .or(() -> active.stream().filter(m -> m.isDefault() && m.tenantId() == null).findFirst())
                .or(() -> active.stream().min(Comparator.comparing(Model::name).thenComparing(Model::id)));
    }
}
