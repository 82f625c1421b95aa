package dev.builderdesk.server.models;

import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.ProviderModels;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.providers.DemoProvider;
import dev.builderdesk.providers.ModelDiscovery;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.server.http.JsonBody;
import dev.builderdesk.store.ModelRepository.Filter;
import dev.builderdesk.store.ProviderRepository.ProviderRow;
import dev.builderdesk.store.Store;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Provider endpoints (ours): listing, tenant-scoped admin, and model discovery. API keys are write-only. */
public final class ProviderService {
    private static final List<String> KINDS = List.of(Provider.OPENAI_COMPATIBLE, Provider.DEMO);
    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    private final Store store;
    private final ModelDiscovery discovery;

    public ProviderService(Store store, ModelDiscovery discovery) {
        this.store = store;
        this.discovery = discovery;
    }

    public List<Provider> list(Principal who) {
        who.require(Scopes.MODELS_WRITE);
        return store.db().read(c -> store.providers().listVisible(c, who.tenantId())).stream()
                .map(ProviderService::view).toList();
    }

    public Provider get(Principal who, String id) {
        who.require(Scopes.MODELS_WRITE);
        return view(visible(who, id));
    }

    public Provider create(Principal who, JsonBody body) {
        who.require(Scopes.MODELS_WRITE);
        String id = body.optionalString("id");
        String name = body.requiredString("name");
        String kind = body.optionalEnum("kind", KINDS);
        String baseUrl = body.optionalString("base_url");
        String apiKey = body.optionalString("api_key");
        String apiKeyEnv = body.optionalString("api_key_env");
        Boolean enabled = body.optionalBool("enabled");
        body.finish();
        if (name.isBlank()) {
            throw ApiError.badRequest("name is required");
        }
        String effectiveKind = kind == null ? Provider.OPENAI_COMPATIBLE : kind;
        checkBaseUrl(effectiveKind, baseUrl);
        String effectiveId = id != null ? id : ModelService.slugOf(name);
        if (!ID.matcher(effectiveId).matches()) {
            throw ApiError.badRequest("Provider id must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        ProviderRow row = new ProviderRow(effectiveId, who.tenantId(), name.strip(), effectiveKind, baseUrl,
                apiKeyEnv, apiKey, enabled == null || enabled, false);
        return store.db().write(c -> {
            if (store.providers().find(c, effectiveId).isPresent()) {
                throw ApiError.conflict("A provider with id '" + effectiveId + "' already exists");
            }
            store.providers().insert(c, row, Timestamps.now());
            return view(row);
        });
    }

    public Provider update(Principal who, String id, JsonBody body) {
        who.require(Scopes.MODELS_WRITE);
        String name = body.optionalString("name");
        String baseUrl = body.optionalString("base_url");
        String apiKey = body.optionalString("api_key");
        String apiKeyEnv = body.optionalString("api_key_env");
        Boolean enabled = body.optionalBool("enabled");
        body.finish();
        return store.db().write(c -> {
            ProviderRow p = writable(who, id);
            String newBase = baseUrl != null ? baseUrl : p.baseUrl();
            checkBaseUrl(p.kind(), newBase);
            ProviderRow updated = new ProviderRow(p.id(), p.tenantId(), name != null && !name.isBlank()
                    ? name.strip() : p.name(), p.kind(), newBase, body.has("api_key_env") ? apiKeyEnv : p.apiKeyEnv(),
                    body.has("api_key") ? apiKey : p.apiKey(), enabled != null ? enabled : p.enabled(), false);
            store.providers().update(c, updated, Timestamps.now());
            return view(updated);
        });
    }

    public Provider delete(Principal who, String id) {
        who.require(Scopes.MODELS_WRITE);
        return store.db().write(c -> {
            ProviderRow p = writable(who, id);
            long users = store.models().listVisible(c, who.tenantId(), new Filter(null, null), 0, Integer.MAX_VALUE)
                    .stream().filter(m -> m.providers().stream().anyMatch(b -> b.provider().equals(id))).count();
            if (users > 0) {
                throw ApiError.conflict("Provider '" + id + "' is used by " + users + " model(s); remove them first");
            }
            store.providers().delete(c, id);
            return view(p);
        });
    }

    /** The model ids the provider serves. */
    public ProviderModels discover(Principal who, String id) {
        who.require(Scopes.MODELS_WRITE);
        ProviderRow p = visible(who, id);
        if (Provider.DEMO.equals(p.kind())) {
            return new ProviderModels(p.id(), List.of(DemoProvider.MODEL));
        }
        try {
            return new ProviderModels(p.id(), discovery.list(p.baseUrl(), apiKeyOf(p)));
        } catch (IOException | RuntimeException e) {
            throw ApiError.coded(400, "PROVIDER_UNREACHABLE", "base_url",
                    "Could not list the provider's models: " + e.getMessage(), Map.of());
        }
    }

    /** The provider's API key: the literal one, else the named environment variable's value. */
    public static String apiKeyOf(ProviderRow p) {
        if (p.apiKey() != null && !p.apiKey().isBlank()) {
            return p.apiKey();
        }
        return p.apiKeyEnv() == null ? null : System.getenv(p.apiKeyEnv());
    }

    static Provider view(ProviderRow p) {
        String key = apiKeyOf(p);
        return new Provider(p.id(), p.name(), p.kind(), p.baseUrl(), p.apiKeyEnv(), key != null && !key.isBlank(),
                p.enabled());
    }

    private ProviderRow visible(Principal who, String id) {
        return store.db().read(c -> store.providers().find(c, id))
                .filter(p -> p.tenantId() == null || p.tenantId().equals(who.tenantId()))
                .orElseThrow(() -> ApiError.notFound("Provider not found"));
    }

    private ProviderRow writable(Principal who, String id) {
        ProviderRow p = visible(who, id);
        if (p.fromConfig()) {
            throw ApiError.forbidden("This provider comes from the server configuration and is read-only");
        }
        return p;
    }

    private static void checkBaseUrl(String kind, String baseUrl) {
        if (Provider.DEMO.equals(kind)) {
            return;
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw ApiError.badRequest("base_url is required for an openai-compatible provider");
        }
        try {
            URI uri = URI.create(baseUrl.strip());
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiError.badRequest("base_url must be an http(s) URL, e.g. http://127.0.0.1:11434/v1");
        }
    }

}
