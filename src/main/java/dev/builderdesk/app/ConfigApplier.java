package dev.builderdesk.app;

import dev.builderdesk.app.config.ConfigLoader;
import dev.builderdesk.app.config.ServerConfig;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.ModelBinding;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Role;
import dev.builderdesk.server.auth.TokenRegistry;
import dev.builderdesk.server.models.ModelService;
import dev.builderdesk.store.ProviderRepository.ProviderRow;
import dev.builderdesk.store.Store;
import dev.builderdesk.store.TenantRepository.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Makes the store match a configuration file at startup: tenants and their tokens, global providers and models
 * (rewritten each start, so the file stays the source of truth for them), and declared apps (created once).
 */
final class ConfigApplier {
    private final Store store;
    private final AppService apps;
    private final Function<String, String> env;

    ConfigApplier(Store store, AppService apps, Function<String, String> env) {
        this.store = store;
        this.apps = apps;
        this.env = env;
    }

    void apply(ServerConfig config, TokenRegistry tokens) {
        Instant now = Timestamps.now();
        store.db().write(c -> {
            for (ServerConfig.Tenant t : list(config.tenants())) {
                String id = t.id().toLowerCase(Locale.ROOT);
                store.tenants().upsert(c, new Tenant(id, t.name()), now);
                for (ServerConfig.TokenEntry tok : list(t.tokens())) {
                    String secret = tok.token() != null ? tok.token() : env.apply(tok.tokenEnv());
                    tokens.add(secret, new Principal(id, Role.parse(tok.role())));
                }
            }
            for (ServerConfig.ProviderEntry p : list(config.providers())) {
                ProviderRow row = new ProviderRow(p.id(), null, p.name() == null ? p.id() : p.name(),
                        p.kind() == null ? Provider.OPENAI_COMPATIBLE : p.kind(), p.baseUrl(), p.apiKeyEnv(),
                        p.apiKey(), true, true);
                if (store.providers().find(c, null, p.id()).isPresent()) {
                    store.providers().update(c, row, now);
                } else {
                    store.providers().insert(c, row, now);
                }
            }
            for (ServerConfig.ModelEntry m : list(config.models())) {
                Model model = toModel(config, m, now);
                if (store.models().find(c, model.id()).isPresent()) {
                    store.models().update(c, model);
                } else {
                    store.models().insert(c, model, true);
                }
                if (model.isDefault()) {
                    store.models().clearOtherDefaults(c, model.tenantId(), model.id());
                }
            }
            return null;
        });
        for (ServerConfig.AppEntry a : list(config.apps())) {
            String id = a.id().toLowerCase(Locale.ROOT);
            boolean exists = store.db().read(c -> store.apps().findAnyTenant(c, id)).isPresent();
            if (!exists) {
                apps.create(ConfigLoader.tenantId(config, a.tenant()), id, a.name(), a.template(), a.workspacePath());
            }
        }
    }

    private static Model toModel(ServerConfig config, ServerConfig.ModelEntry m, Instant now) {
        List<ModelBinding> bindings = new ArrayList<>();
        List<ServerConfig.BindingEntry> entries = list(m.providers());
        for (int i = 0; i < entries.size(); i++) {
            ServerConfig.BindingEntry b = entries.get(i);
            bindings.add(new ModelBinding(UUID.nameUUIDFromBytes((m.id() + "/" + i).getBytes()).toString(),
                    b.provider(), b.providerModelId(), b.priority() == null ? i : b.priority(),
                    b.isEnabled() == null || b.isEnabled(), Map.of(), null));
        }
        return new Model(m.id().toLowerCase(Locale.ROOT), ConfigLoader.tenantId(config, m.tenant()), m.name(),
                m.slug() != null ? m.slug() : ModelService.slugOf(m.name()), m.description(),
                m.capabilityType() == null ? Model.CHAT : m.capabilityType(),
                m.status() == null ? "active" : m.status(), m.version() == null ? "1" : m.version(),
                m.metadata() == null ? Map.of() : m.metadata(), Map.of(), m.isActive() == null || m.isActive(),
                Boolean.TRUE.equals(m.isDefault()), bindings, now, now);
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
