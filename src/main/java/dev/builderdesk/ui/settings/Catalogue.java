package dev.builderdesk.ui.settings;

import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.Provider;
import java.util.List;
import java.util.Optional;

/** What Settings → Models shows: the connected server's providers and every chat model, active or not. */
record Catalogue(List<Provider> providers, List<Model> models) {
    static final Catalogue EMPTY = new Catalogue(List.of(), List.of());

    Catalogue {
        providers = List.copyOf(providers);
        models = List.copyOf(models);
    }

    /** The models the provider serves (alone or among others). */
    List<Model> servedBy(String providerId) {
        return models.stream().filter(m -> m.providers().stream().anyMatch(b -> b.provider().equals(providerId)))
                .toList();
    }

    /** The provider that serves a model first. */
    Optional<Provider> providerOf(String modelId) {
        return models.stream().filter(m -> m.id().equals(modelId)).findFirst()
                .flatMap(m -> m.providers().stream().findFirst())
                .flatMap(b -> providers.stream().filter(p -> p.id().equals(b.provider())).findFirst());
    }
}
