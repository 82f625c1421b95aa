package dev.builderdesk.app;

import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.ModelBinding;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.protocol.ProviderModels.Offered;
import dev.builderdesk.providers.DemoProvider;
import dev.builderdesk.providers.DiscoveryException;
import dev.builderdesk.providers.ModelDiscovery;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Role;
import dev.builderdesk.server.auth.TokenRegistry;
import dev.builderdesk.server.models.ModelImport;
import dev.builderdesk.store.ModelRepository.Filter;
import dev.builderdesk.store.ProviderRepository.ProviderRow;
import dev.builderdesk.store.Store;
import dev.builderdesk.store.TenantRepository.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The setup of a server started without a configuration file: one tenant, one owner token (created once, saved
 * to {@code DIR/token} readable by the owner only), the demo provider and model, and the local model servers that
 * answer on loopback (Ollama, LM Studio) with their models.
 */
final class ZeroConfig {
    /** A local model server looked for at startup. */
    record LocalServer(String id, String name, String baseUrl) {
    }

    static final List<LocalServer> DEFAULT_LOCAL_SERVERS = List.of(
            new LocalServer("ollama", "Ollama", "http://127.0.0.1:11434/v1"),
            new LocalServer("lmstudio", "LM Studio", "http://127.0.0.1:1234/v1"));

    private static final System.Logger LOG = System.getLogger(ZeroConfig.class.getName());

    private final Store store;
    private final ModelDiscovery discovery;

    ZeroConfig(Store store, ModelDiscovery discovery) {
        this.store = store;
        this.discovery = discovery;
    }

    /** Result of the bootstrap: the owner token and whether it was created (and must be shown) now. */
    record Owner(String token, boolean created, Path tokenFile, String tenantId) {
    }

    Owner apply(Path dataDir, TokenRegistry tokens, List<LocalServer> localServers) {
        Instant now = Timestamps.now();
        Tenant tenant = store.db().write(c -> {
            var existing = store.tenants().first(c);
            if (existing.isPresent()) {
                return existing.get();
            }
            Tenant t = new Tenant(UUID.randomUUID().toString(), "local");
            store.tenants().upsert(c, t, now);
            return t;
        });
        Owner owner = ownerToken(dataDir, tenant.id());
        tokens.add(owner.token(), new Principal(tenant.id(), Role.OWNER));
        for (LocalServer local : localServers) {
            discover(tenant.id(), local, now);
        }
        ensureDemo(tenant.id(), now);
        return owner;
    }

    private void discover(String tenantId, LocalServer local, Instant now) {
        List<Offered> offered;
        try {
            offered = discovery.list(local.baseUrl(), null);
        } catch (DiscoveryException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, local.name() + " not found at " + local.baseUrl());
            return;
        }
        LOG.log(System.Logger.Level.INFO, local.name() + " found with " + offered.size() + " model(s)");
        store.db().write(c -> {
            if (store.providers().find(c, tenantId, local.id()).isEmpty()) {
                store.providers().insert(c, new ProviderRow(local.id(), tenantId, local.name(),
                        Provider.OPENAI_COMPATIBLE, local.baseUrl(), null, null, true, false), now);
            }
            ProviderRow provider = store.providers().find(c, tenantId, local.id()).orElseThrow();
            List<Model> known = store.models().listVisible(c, tenantId, new Filter(null, null), 0, Integer.MAX_VALUE);
            boolean anyDefault = known.stream().anyMatch(m -> m.isDefault() && !isDemo(m));
            List<Model> added = ModelImport.add(store, c, tenantId, provider, offered, now);
            // The first local chat model (switched on) takes Auto over from the demo model.
            Optional<Model> first = added.stream().filter(Model::isActive).findFirst();
            if (!anyDefault && first.isPresent()) {
                Model m = first.get();
                store.models().update(c, new Model(m.id(), m.tenantId(), m.name(), m.slug(), m.description(),
                        m.capabilityType(), m.status(), m.version(), m.metadata(), m.defaultResolutionPolicy(), true,
                        true, m.providers(), m.createdAt(), now));
                store.models().clearOtherDefaults(c, tenantId, m.id());
            }
            return null;
        });
    }

    private void ensureDemo(String tenantId, Instant now) {
        store.db().write(c -> {
            if (store.providers().find(c, tenantId, Provider.DEMO).isEmpty()) {
                store.providers().insert(c, new ProviderRow(Provider.DEMO, tenantId, "Demo (scripted, offline)",
                        Provider.DEMO, null, null, null, true, false), now);
            }
            List<Model> known = store.models().listVisible(c, tenantId, new Filter(null, null), 0, Integer.MAX_VALUE);
            if (known.stream().noneMatch(ZeroConfig::isDemo)) {
                boolean makeDefault = known.stream().noneMatch(Model::isDefault);
                store.models().insert(c, new Model(UUID.randomUUID().toString(), tenantId, "Demo (scripted, offline)",
                        "demo", "A scripted offline model that shows the workflow. It does not understand prompts.",
                        Model.CHAT, "active", "1", Map.of("provider_label", "Demo", "supports_tools", true,
                        "context_window", 8192, "family", "demo"), Map.of(), true, makeDefault,
                        List.of(new ModelBinding(UUID.randomUUID().toString(), Provider.DEMO, DemoProvider.MODEL, 0,
                                true, Map.of(), null)), now, now), false);
            }
            return null;
        });
    }

    private static boolean isDemo(Model m) {
        return m.providers().stream().anyMatch(b -> b.provider().equals(Provider.DEMO));
    }

    private static Owner ownerToken(Path dataDir, String tenantId) {
        Path file = dataDir.resolve("token");
        try {
            if (Files.exists(file)) {
                return new Owner(Files.readString(file).strip(), false, file, tenantId);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = "bd_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Path temp = dataDir.resolve("token.tmp");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp);
            }
            Files.writeString(temp, token + "\n");
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Owner(token, true, file, tenantId);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the owner token in " + file, e);
        }
    }
}
