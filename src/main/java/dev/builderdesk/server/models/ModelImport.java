package dev.builderdesk.server.models;

import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.ModelBinding;
import dev.builderdesk.protocol.ProviderModels.Offered;
import dev.builderdesk.store.ModelRepository.Filter;
import dev.builderdesk.store.ProviderRepository.ProviderRow;
import dev.builderdesk.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adds a provider's discovered models to the registry (ADR 0012): only chat models, only those not listed yet,
 * and switched on only while the provider has fewer than {@link #ACTIVE_ON_DISCOVERY} active models — a listing of
 * 21 models adds 3 to the picker and the rest ready to be switched on. Runs inside the caller's write.
 */
public final class ModelImport {
    /** How many of a provider's models discovery switches on. */
    public static final int ACTIVE_ON_DISCOVERY = 3;

    private ModelImport() {
    }

    /** Adds the new chat models of {@code offered} for {@code tenantId}; returns them in the listing's order. */
    public static List<Model> add(Store store, Connection c, String tenantId, ProviderRow provider,
            List<Offered> offered, Instant now) throws SQLException {
        List<Model> known = store.models().listVisible(c, tenantId, new Filter(null, null), 0, Integer.MAX_VALUE);
        List<Model> served = known.stream().filter(m -> m.providers().stream()
                .anyMatch(b -> b.provider().equals(provider.id()))).toList();
        long active = served.stream().filter(Model::isActive).count();
        List<Model> added = new ArrayList<>();
        for (Offered o : offered) {
            boolean present = served.stream().anyMatch(m -> m.providers().stream().anyMatch(b ->
                    b.provider().equals(provider.id()) && b.providerModelId().equals(o.id())))
                    || added.stream().anyMatch(m -> m.name().equals(o.id()));
            if (!o.isChat() || present) {
                continue;
            }
            boolean on = active < ACTIVE_ON_DISCOVERY;
            if (on) {
                active++;
            }
            Model model = new Model(UUID.randomUUID().toString(), tenantId, o.id(), ModelService.slugOf(o.id()), null,
                    Model.CHAT, "active", "1", Map.of("provider_label", provider.name()), Map.of(), on, false,
                    List.of(new ModelBinding(UUID.randomUUID().toString(), provider.id(), o.id(), 0, true, Map.of(),
                            null)), now, now);
            store.models().insert(c, model, false);
            added.add(store.models().find(c, model.id()).orElseThrow());
        }
        return added;
    }
}
