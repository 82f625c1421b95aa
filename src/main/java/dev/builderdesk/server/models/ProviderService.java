package dev.builderdesk.server.models;

import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.ModelBinding;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.ProviderChange;
import dev.builderdesk.protocol.ProviderCheck;
import dev.builderdesk.protocol.ProviderModels;
import dev.builderdesk.protocol.ProviderModels.Offered;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.providers.DemoProvider;
import dev.builderdesk.providers.DiscoveryException;
import dev.builderdesk.providers.ModelDiscovery;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.store.ModelRepository.Filter;
import dev.builderdesk.store.ProviderRepository.ProviderRow;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Provider endpoints (ours): listing, tenant-scoped admin, a test of the endpoint's model listing, and discovery
 * (optionally adding the chat models it finds, see {@link ModelImport}). API keys are write-only. Every refusal is
 * coded and names the field that is wrong, in the user's words.
 */
public final class ProviderService {
    public static final List<String> KINDS = List.of(Provider.OPENAI_COMPATIBLE, Provider.DEMO);
    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final int MAX_NAME = 100;

    private final Store store;
    private final ModelDiscovery discovery;
    private final ProviderUrls allowedUrls;

    /**
     * With {@code allowedUrls} (the operator's {@code server.provider_url_prefixes}) a tenant's provider may only
     * point under one of them: a shared server must not become a probe of its own network (discovery answered
     * differently for open and closed ports) or a relay to any address. Empty: any address.
     */
    public ProviderService(Store store, ModelDiscovery discovery, ProviderUrls allowedUrls) {
        this.store = store;
        this.discovery = discovery;
        this.allowedUrls = allowedUrls;
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

    public Provider create(Principal who, ProviderChange request) {
        who.require(Scopes.MODELS_WRITE);
        String id = request.id();
        String name = request.name();
        String kind = request.kind();
        String baseUrl = request.baseUrl();
        String apiKey = request.apiKey();
        String apiKeyEnv = request.apiKeyEnv();
        Boolean enabled = request.enabled();
        String cleanName = checkName(name);
        String effectiveKind = kind == null ? Provider.OPENAI_COMPATIBLE : kind;
        String cleanUrl = checkBaseUrl(effectiveKind, baseUrl);
        refuseKeyEnv(apiKeyEnv);
        if (id != null && !ID.matcher(id).matches()) {
            throw invalid("id", "A provider id is 1-64 lower-case letters, digits, '.', '_' or '-'.");
        }
        return store.db().write(c -> {
            checkNameFree(c, who, cleanName, null);
            String effectiveId = id != null ? id : freeId(c, who, slug(cleanName));
            if (id != null && store.providers().find(c, who.tenantId(), id).isPresent()) {
                throw ApiError.coded(409, ErrorCodes.PROVIDER_EXISTS, "id", "A provider with the id '" + id
                        + "' already exists.", Map.of());
            }
            ProviderRow row = new ProviderRow(effectiveId, who.tenantId(), cleanName, effectiveKind, cleanUrl,
                    apiKeyEnv, blankToNull(apiKey), enabled == null || enabled, false);
            store.providers().insert(c, row, Timestamps.now());
            return view(row);
        });
    }

    /** Partial update; {@code api_key} replaces the key, an empty one removes it. */
    public Provider update(Principal who, String id, ProviderChange request) {
        who.require(Scopes.MODELS_WRITE);
        String name = request.name();
        String baseUrl = request.baseUrl();
        String apiKey = request.apiKey();
        String apiKeyEnv = request.apiKeyEnv();
        Boolean enabled = request.enabled();
        refuseKeyEnv(apiKeyEnv);
        return store.db().write(c -> {
            ProviderRow p = writable(who, id);
            String newName = name != null ? checkName(name) : p.name();
            checkNameFree(c, who, newName, p.id());
            String newBase = baseUrl != null ? checkBaseUrl(p.kind(), baseUrl) : p.baseUrl();
            ProviderRow updated = new ProviderRow(p.id(), p.tenantId(), newName, p.kind(), newBase,
                    request.apiKeyEnvGiven() ? apiKeyEnv : p.apiKeyEnv(),
                    request.apiKeyGiven() ? blankToNull(apiKey) : p.apiKey(), enabled != null ? enabled : p.enabled(),
                    false);
            store.providers().update(c, updated, Timestamps.now());
            if (!newName.equals(p.name())) {
                relabel(c, who, p.id(), newName);
            }
            return view(updated);
        });
    }

    /**
     * Removes the provider and the models only it serves (a model with other providers keeps those). Refused with
     * 409 {@code PROVIDER_IN_USE} while one of its models is the default for Auto or a queued or running run uses one.
     */
    public Provider delete(Principal who, String id) {
        who.require(Scopes.MODELS_WRITE);
        return store.db().write(c -> {
            ProviderRow p = writable(who, id);
            List<Model> served = served(c, who, id);
            Optional<Model> isDefault = served.stream().filter(m -> m.isDefault() && m.isActive()).findFirst();
            if (isDefault.isPresent()) {
                throw inUse(p, "default_model", isDefault.get(), null, "while its model " + isDefault.get().name()
                        + " is the default for Auto. Make another model the default first.");
            }
            for (RunStatus status : List.of(RunStatus.QUEUED, RunStatus.RUNNING)) {
                for (RunRow run : store.runs().withStatus(c, status)) {
                    Optional<Model> used = served.stream().filter(m -> m.id().equals(run.resolvedModelId()))
                            .findFirst();
                    if (used.isPresent()) {
                        throw inUse(p, "active_run", used.get(), run.id(), "while a run uses its model "
                                + used.get().name() + ". Wait for the run to end or stop it, then try again.");
                    }
                }
            }
            Instant now = Timestamps.now();
            for (Model m : served) {
                List<ModelBinding> others = m.providers().stream().filter(b -> !b.provider().equals(id)).toList();
                if (others.isEmpty()) {
                    store.models().delete(c, m.id());
                } else {
                    store.models().update(c, new Model(m.id(), m.tenantId(), m.name(), m.slug(), m.description(),
                            m.capabilityType(), m.status(), m.version(), m.metadata(), m.defaultResolutionPolicy(),
                            m.isActive(), m.isDefault(), others, m.createdAt(), now));
                }
            }
            store.providers().delete(c, p);
            return view(p);
        });
    }

    /**
     * The provider's models ({@code models}: ids in its order; {@code offered}: each with its capability). With
     * {@code {"add": true}} the chat models not listed yet are added (ADR 0012) and returned in {@code added}.
     */
    public ProviderModels discover(Principal who, String id, boolean add) {
        who.require(Scopes.MODELS_WRITE);
        ProviderRow p = visible(who, id);
        refuseUnreachable(p);
        List<Offered> offered;
        if (Provider.DEMO.equals(p.kind())) {
            offered = List.of(new Offered(DemoProvider.MODEL, Model.CHAT));
        } else {
            try {
                offered = discovery.list(p.baseUrl(), apiKeyOf(p));
            } catch (DiscoveryException e) {
                boolean key = e.reason() == DiscoveryException.Reason.KEY_REJECTED;
                throw ApiError.coded(400, key ? ErrorCodes.PROVIDER_AUTH_FAILED : ErrorCodes.PROVIDER_UNREACHABLE,
                        key ? "api_key" : "base_url", explain(e, p), e.status() == 0 ? Map.of()
                        : Map.of("http_status", e.status()));
            }
        }
        List<Model> added = add ? store.db().write(c -> ModelImport.add(store, c,
                who.tenantId(), p, offered, Timestamps.now())) : List.of();
        return new ProviderModels(p.id(), offered.stream().map(Offered::id).toList(), offered, added);
    }

    /** Test: asks the provider's {@code /models} route whether it answers and accepts the key. */
    public ProviderCheck test(Principal who, String id) {
        who.require(Scopes.MODELS_WRITE);
        ProviderRow p = visible(who, id);
        refuseUnreachable(p);
        if (Provider.DEMO.equals(p.kind())) {
            return new ProviderCheck(p.id(), ProviderCheck.Outcome.OK, null, 1, 1, "Built in and offline: 1 model.");
        }
        try {
            List<Offered> offered = discovery.list(p.baseUrl(), apiKeyOf(p));
            int chat = (int) offered.stream().filter(Offered::isChat).count();
            String text = offered.isEmpty() ? "Reachable, but it lists no models."
                    : chat == offered.size() ? "Reachable: " + plural(chat, "chat model") + "."
                    : "Reachable: " + plural(offered.size(), "model") + ", " + chat + " of them chat models.";
            return new ProviderCheck(p.id(), ProviderCheck.Outcome.OK, null, offered.size(), chat, text);
        } catch (DiscoveryException e) {
            ProviderCheck.Outcome outcome = switch (e.reason()) {
                case KEY_REJECTED -> ProviderCheck.Outcome.KEY_REJECTED;
                case UNREACHABLE -> ProviderCheck.Outcome.UNREACHABLE;
                case HTTP_ERROR, NOT_A_LISTING -> ProviderCheck.Outcome.ERROR;
            };
            return new ProviderCheck(p.id(), outcome, e.status() == 0 ? null : e.status(), null, null,
                    explain(e, p));
        }
    }

    /**
     * The provider's API key: the literal one, else — for a provider of the operator's config file only — the
     * named environment variable's value. A provider made over the API never reads the server's environment, even
     * one stored before {@code api_key_env} was refused there: it would send any variable to a URL of the
     * tenant's choice, and {@code has_api_key} would tell which variables exist.
     */
    public static String apiKeyOf(ProviderRow p) {
        if (p.apiKey() != null && !p.apiKey().isBlank()) {
            return p.apiKey();
        }
        return p.apiKeyEnv() == null || !p.fromConfig() ? null : System.getenv(p.apiKeyEnv());
    }

    /** {@code api_key_env} names the server's environment: the operator's to set, in the config file. */
    private static void refuseKeyEnv(String apiKeyEnv) {
        if (apiKeyEnv != null) {
            throw invalid("api_key_env", "An environment variable can be named only in the server's configuration"
                    + " file. Send the key itself as api_key: it is stored and never shown again.");
        }
    }

    static Provider view(ProviderRow p) {
        String key = apiKeyOf(p);
        return new Provider(p.id(), p.name(), p.kind(), p.baseUrl(), p.apiKeyEnv(), key != null && !key.isBlank(),
                p.enabled(), p.fromConfig());
    }

    /** A failed listing in the user's words. */
    private static String explain(DiscoveryException e, ProviderRow p) {
        String url = p.baseUrl();
        return switch (e.reason()) {
            case KEY_REJECTED -> apiKeyOf(p) == null ? "The provider needs an API key (" + e.status() + ")."
                    : "The provider rejected the API key (" + e.status() + ").";
            case UNREACHABLE -> "Nothing answers at " + url + ". Check the address and that the server is running.";
            case HTTP_ERROR -> e.status() == 404 ? url + " has no model list (404). Check the base URL; it usually"
                    + " ends in /v1." : "The provider answered " + e.status() + " when asked for its models.";
            case NOT_A_LISTING -> url + " answers, but not like an OpenAI-compatible server. Check the base URL; it"
                    + " usually ends in /v1.";
        };
    }

    /** The tenant's models served (among others or alone) by the provider. */
    private List<Model> served(Connection c, Principal who, String providerId) throws SQLException {
        return store.models().listVisible(c, who.tenantId(), new Filter(null, null), 0, Integer.MAX_VALUE).stream()
                .filter(m -> who.tenantId().equals(m.tenantId()))
                .filter(m -> m.providers().stream().anyMatch(b -> b.provider().equals(providerId))).toList();
    }

    /** A renamed provider's models show the new name as their provider label. */
    private void relabel(Connection c, Principal who, String providerId, String name) throws SQLException {
        for (Model m : served(c, who, providerId)) {
            if (m.metadata().containsKey("provider_label")) {
                Map<String, Object> metadata = new LinkedHashMap<>(m.metadata());
                metadata.put("provider_label", name);
                store.models().update(c, new Model(m.id(), m.tenantId(), m.name(), m.slug(), m.description(),
                        m.capabilityType(), m.status(), m.version(), metadata, m.defaultResolutionPolicy(),
                        m.isActive(), m.isDefault(), m.providers(), m.createdAt(), Timestamps.now()));
            }
        }
    }

    private static ApiError inUse(ProviderRow p, String reason, Model model, String runId, String why) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reason", reason);
        extra.put("model_id", model.id());
        extra.put("model_name", model.name());
        if (runId != null) {
            extra.put("run_id", runId);
        }
        return ApiError.coded(409, ErrorCodes.PROVIDER_IN_USE, null, p.name() + " can't be removed " + why, extra);
    }

    private ProviderRow visible(Principal who, String id) {
        return store.db().read(c -> store.providers().find(c, who.tenantId(), id))
                .orElseThrow(() -> ApiError.notFound("Provider not found"));
    }

    private ProviderRow writable(Principal who, String id) {
        ProviderRow p = visible(who, id);
        if (p.fromConfig()) {
            throw ApiError.forbidden("This provider comes from the server configuration and is read-only");
        }
        return p;
    }

    private void checkNameFree(Connection c, Principal who, String name, String exceptId) throws SQLException {
        for (ProviderRow other : store.providers().listVisible(c, who.tenantId())) {
            if (!other.id().equals(exceptId) && other.name().equalsIgnoreCase(name)) {
                throw ApiError.coded(409, ErrorCodes.PROVIDER_EXISTS, "name", "There is already a provider named "
                        + other.name() + ".", Map.of());
            }
        }
    }

    /** The slug, or the slug with the first suffix free among the tenant's ids ({@code team-2}). */
    private String freeId(Connection c, Principal who, String slug) throws SQLException {
        String candidate = slug;
        for (int i = 2; store.providers().find(c, who.tenantId(), candidate).isPresent(); i++) {
            String suffix = "-" + i;
            candidate = slug.substring(0, Math.min(slug.length(), 64 - suffix.length())) + suffix;
        }
        return candidate;
    }

    private static String slug(String name) {
        String s = ModelService.slugOf(name);
        s = s.length() > 64 ? s.substring(0, 64).replaceAll("-+$", "") : s;
        return ID.matcher(s).matches() ? s : "provider";
    }

    private static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw invalid("name", "Give the provider a name.");
        }
        if (n.length() > MAX_NAME) {
            throw invalid("name", "Keep the name under " + MAX_NAME + " characters.");
        }
        return n;
    }

    /** The base URL, stripped; required and http(s) with a host for an OpenAI-compatible provider. */
    private String checkBaseUrl(String kind, String baseUrl) {
        if (Provider.DEMO.equals(kind)) {
            return baseUrl;
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw invalid("base_url", "Enter the endpoint's base URL, e.g. http://127.0.0.1:11434/v1");
        }
        String url = baseUrl.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw invalid("base_url", "The base URL must be an http:// or https:// address, e.g."
                    + " http://127.0.0.1:11434/v1");
        }
        refuseUnlisted(url);
        return url;
    }

    private void refuseUnlisted(String url) {
        if (!allowedUrls.allows(url)) {
            throw invalid("base_url", "This server reaches model providers only at the addresses its operator"
                    + " allows.");
        }
    }

    /** A tenant's provider is contacted only at an allowed address (one saved before the list was set too). */
    private void refuseUnreachable(ProviderRow p) {
        if (!allowedUrls.reaches(p)) {
            refuseUnlisted(p.baseUrl());
        }
    }

    private static ApiError invalid(String field, String message) {
        return ApiError.coded(400, ErrorCodes.PROVIDER_INVALID, field, message, Map.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
