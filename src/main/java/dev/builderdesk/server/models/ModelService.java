package dev.builderdesk.server.models;

import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.ModelBinding;
import dev.builderdesk.protocol.ModelChange;
import dev.builderdesk.protocol.ModelList;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.providers.ProviderEndpoint;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.store.ModelRepository.Filter;
import dev.builderdesk.store.ProviderRepository.ProviderRow;
import dev.builderdesk.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The model registry as the API sees it: listing, tenant-scoped admin, and the run-time questions "which model
 * does this run get" (the Auto chain, or an explicit id checked without any fallback) and "how is it reached".
 */
public final class ModelService {
    /** Capability types the listing accepts, as the original enumerates them. */
    public static final List<String> CAPABILITIES = List.of("chat", "completion", "embedding", "vision", "audio",
            "speech_to_text", "text_to_speech", "image", "rerank");
    public static final List<String> STATUSES = List.of("active", "deprecated", "disabled");

    private final Store store;
    private final ProviderUrls allowedUrls;

    /** {@code allowedUrls}: the operator's provider allow-list, which runs obey as discovery does. */
    public ModelService(Store store, ProviderUrls allowedUrls) {
        this.store = store;
        this.allowedUrls = allowedUrls;
    }

    public ModelList list(Principal who, String capabilityType, Boolean isActive, int skip, int limit) {
        Filter filter = new Filter(capabilityType, isActive);
        return store.db().read(c -> new ModelList(store.models().listVisible(c, who.tenantId(), filter, skip, limit),
                (int) store.models().countVisible(c, who.tenantId(), filter)));
    }

    public Model get(Principal who, String id) {
        return store.db().read(c -> store.models().find(c, id))
                .filter(m -> m.tenantId() == null || m.tenantId().equals(who.tenantId()))
                .orElseThrow(() -> ApiError.notFound("Model not found"));
    }

    public Model create(Principal who, ModelChange fields) {
        who.require(Scopes.MODELS_WRITE);
        String name = fields.name();
        if (name.isBlank()) {
            throw ApiError.badRequest("name is required");
        }
        Instant now = Timestamps.now();
        String id = UUID.randomUUID().toString();
        Model model = new Model(id, who.tenantId(), name.strip(),
                fields.slug() != null ? fields.slug() : slugOf(name), fields.description(),
                fields.capabilityType() != null ? fields.capabilityType() : Model.CHAT,
                fields.status() != null ? fields.status() : "active",
                fields.version() != null ? fields.version() : "1",
                fields.metadata() != null ? fields.metadata() : Map.of(),
                fields.defaultResolutionPolicy() != null ? fields.defaultResolutionPolicy() : Map.of(),
                fields.isActive() == null || fields.isActive(), Boolean.TRUE.equals(fields.isDefault()),
                fields.providers() != null ? fields.providers() : List.of(), now, now);
        return store.db().write(c -> {
            checkProviders(who, model.providers());
            store.models().insert(c, model, false);
            if (model.isDefault()) {
                store.models().clearOtherDefaults(c, model.tenantId(), model.id());
            }
            return store.models().find(c, id).orElseThrow();
        });
    }

    public Model update(Principal who, String id, ModelChange f) {
        who.require(Scopes.MODELS_WRITE);
        String name = f.name();
        return store.db().write(c -> {
            Model m = writable(who, store.models().find(c, id));
            checkProviders(who, f.providers() == null ? List.of() : f.providers());
            Model updated = new Model(m.id(), m.tenantId(), name != null && !name.isBlank() ? name.strip() : m.name(),
                    f.slug() != null ? f.slug() : m.slug(), f.descriptionGiven() ? f.description() : m.description(),
                    f.capabilityType() != null ? f.capabilityType() : m.capabilityType(),
                    f.status() != null ? f.status() : m.status(), f.version() != null ? f.version() : m.version(),
                    f.metadata() != null ? f.metadata() : m.metadata(), f.defaultResolutionPolicy() != null
                    ? f.defaultResolutionPolicy() : m.defaultResolutionPolicy(),
                    f.isActive() != null ? f.isActive() : m.isActive(),
                    f.isDefault() != null ? f.isDefault() : m.isDefault(),
                    f.providers() != null ? f.providers() : m.providers(), m.createdAt(), Timestamps.now());
            store.models().update(c, updated);
            if (updated.isDefault()) {
                store.models().clearOtherDefaults(c, updated.tenantId(), updated.id());
            }
            return store.models().find(c, id).orElseThrow();
        });
    }

    public Model delete(Principal who, String id) {
        who.require(Scopes.MODELS_WRITE);
        return store.db().write(c -> {
            Model m = writable(who, store.models().find(c, id));
            store.models().delete(c, id);
            return m;
        });
    }

    /**
     * The model a run gets (CONTRACT.md §2): an explicit id must be an active chat model of the tenant or global,
     * else 400 with no fallback; null walks the Auto chain.
     */
    public Model resolveForRun(String tenantId, String requestedModelId) {
        return store.db().read(c -> {
            if (requestedModelId != null) {
                return store.models().find(c, requestedModelId)
                        .filter(m -> m.tenantId() == null || m.tenantId().equals(tenantId))
                        .filter(m -> m.isActive() && Model.CHAT.equals(m.capabilityType()))
                        .orElseThrow(() -> ApiError.coded(400, ErrorCodes.MODEL_UNAVAILABLE, "model_id",
                                "Selected model is unavailable for this tenant.", Map.of()));
            }
            List<Model> tenantDefaults = store.models().activeChatDefaults(c, tenantId);
            if (!tenantDefaults.isEmpty()) {
                return tenantDefaults.get(0);
            }
            List<Model> globalDefaults = store.models().activeChatDefaults(c, null);
            if (!globalDefaults.isEmpty()) {
                return globalDefaults.get(0);
            }
            List<Model> any = store.models().listVisible(c, tenantId, new Filter(Model.CHAT, true), 0, 1);
            if (!any.isEmpty()) {
                return any.get(0);
            }
            throw ApiError.coded(400, ErrorCodes.MODEL_UNAVAILABLE, "model_id",
                    "No active chat model is available for this tenant.", Map.of());
        });
    }

    /** How to reach a model: its first enabled binding whose provider exists and is enabled. */
    public Optional<Target> endpointFor(String modelId) {
        return store.db().read(c -> {
            Optional<Model> model = store.models().find(c, modelId);
            if (model.isEmpty()) {
                return Optional.empty();
            }
            for (ModelBinding b : model.get().providers()) {
                if (!b.isEnabled()) {
                    continue;
                }
                Optional<ProviderRow> p = store.providers().find(c, model.get().tenantId(), b.provider());
                // A tenant's provider outside the operator's allow-list (saved before it was set) is not called.
                if (p.isPresent() && p.get().enabled() && allowedUrls.reaches(p.get())) {
                    ProviderRow row = p.get();
                    return Optional.of(new Target(new ProviderEndpoint(row.id(), row.kind(), row.baseUrl(),
                            ProviderService.apiKeyOf(row)), b.providerModelId()));
                }
            }
            return Optional.empty();
        });
    }

    /** A provider endpoint and the name under which it knows the model. */
    public record Target(ProviderEndpoint endpoint, String providerModelId) {
    }

    private Model writable(Principal who, Optional<Model> found) {
        Model m = found.filter(x -> x.tenantId() == null || x.tenantId().equals(who.tenantId()))
                .orElseThrow(() -> ApiError.notFound("Model not found"));
        if (m.tenantId() == null) {
            throw ApiError.forbidden("Global models are read-only; change them in the server configuration");
        }
        return m;
    }

    private void checkProviders(Principal who, List<ModelBinding> bindings) {
        store.db().read(c -> {
            for (ModelBinding b : bindings) {
                if (store.providers().find(c, who.tenantId(), b.provider()).isEmpty()) {
                    throw ApiError.badRequest("Unknown provider: " + b.provider());
                }
            }
            return null;
        });
    }

    /** A URL-friendly slug of a name: {@code "Qwen2.5 Coder 7B"} → {@code "qwen2-5-coder-7b"}. */
    public static String slugOf(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "model" : slug;
    }
}
