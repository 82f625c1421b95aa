package dev.builderdesk.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.server.auth.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads and checks the YAML configuration. Every mistake stops startup with {@code FILE:LINE: what is wrong}:
 * unknown keys, bad values, references to unknown tenants or providers, two defaults at one level, missing
 * folders, unset token variables.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Function<String, String> env;

    /** @param env looks up environment variables (a map in tests) */
    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public ServerConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public ServerConfig parse(String name, String yaml) {
        ServerConfig config;
        try {
            config = yaml.isBlank() ? ServerConfig.empty() : YAML.readValue(yaml, ServerConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(name + ":" + e.getLocation().getLineNr() + ": unknown key '"
                    + e.getPropertyName() + "'" + known(e));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new ConfigException(name + ":" + line + ": " + e.getOriginalMessage());
        }
        if (config == null) {
            config = ServerConfig.empty();
        }
        YamlLines lines;
        try {
            lines = new YamlLines(yaml);
        } catch (IOException e) {
            throw new ConfigException(name + ": " + e.getMessage());
        }
        new Checker(name, lines, env).check(config);
        return config;
    }

    /** A tenant reference ({@code tenant:} of models and apps) resolved to a tenant id. */
    public static String tenantId(ServerConfig config, String reference) {
        if (reference == null || config.tenants() == null) {
            return null;
        }
        for (ServerConfig.Tenant t : config.tenants()) {
            if (reference.equalsIgnoreCase(t.id()) || reference.equals(t.name())) {
                return t.id().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String known(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        List<String> names = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
        return " (expected one of: " + String.join(", ", names) + ")";
    }

    /** The semantic checks, each naming the line of the offending value. */
    private static final class Checker {
        private final String name;
        private final YamlLines lines;
        private final Function<String, String> env;

        Checker(String name, YamlLines lines, Function<String, String> env) {
            this.name = name;
            this.lines = lines;
            this.env = env;
        }

        void check(ServerConfig c) {
            if (c.server() != null) {
                if (c.server().port() != null && (c.server().port() < 0 || c.server().port() > 65535)) {
                    fail("/server/port", "port must be between 0 and 65535");
                }
                if (c.server().heartbeatSeconds() != null && c.server().heartbeatSeconds() < 1) {
                    fail("/server/heartbeat_seconds", "heartbeat_seconds must be at least 1");
                }
                if (c.server().leaseSeconds() != null
                        && (c.server().leaseSeconds() < 3 || c.server().leaseSeconds() > 300)) {
                    // Renewed every third of it: under 3 s a busy database could cost a healthy instance its runs.
                    fail("/server/lease_seconds", "lease_seconds must be between 3 and 300");
                }
                List<String> prefixes = list(c.server().providerUrlPrefixes());
                for (int j = 0; j < prefixes.size(); j++) {
                    String prefix = prefixes.get(j);
                    try {
                        new dev.builderdesk.server.models.ProviderUrls(List.of(prefix == null ? "" : prefix));
                    } catch (IllegalArgumentException e) {
                        fail("/server/provider_url_prefixes/" + j, "a provider URL prefix must be a plain http://"
                                + " or https:// address");
                    }
                }
            }
            if (c.database() != null && c.database().url() != null
                    && !c.database().url().startsWith("jdbc:sqlite:")
                    && !c.database().url().startsWith("jdbc:postgresql:")) {
                fail("/database/url", "the database URL must be jdbc:sqlite:… or jdbc:postgresql:…");
            }
            if (c.database() != null && c.database().poolSize() != null
                    && (c.database().poolSize() < 1 || c.database().poolSize() > 64)) {
                fail("/database/pool_size", "pool_size must be between 1 and 64");
            }
            checkTenants(list(c.tenants()));
            Set<String> providerIds = checkProviders(list(c.providers()));
            checkModels(list(c.models()), c, providerIds);
            checkApps(list(c.apps()), c);
            if (c.engines() != null && c.engines().defaultEngine() != null
                    && !List.of("native", "opencode").contains(c.engines().defaultEngine())) {
                fail("/engines/default", "engines.default must be native or opencode");
            }
            if (c.runs() != null) {
                positive(c.runs().maxToolIterations(), "/runs/max_tool_iterations");
                positive(c.runs().providerMaxAttempts(), "/runs/provider_max_attempts");
                if (c.runs().providerRetryDelayMs() != null && c.runs().providerRetryDelayMs() < 0) {
                    fail("/runs/provider_retry_delay_ms", "provider_retry_delay_ms must not be negative");
                }
                if (c.runs().messageBudgetChars() != null && c.runs().messageBudgetChars() < 512) {
                    fail("/runs/message_budget_chars", "message_budget_chars must be at least 512");
                }
                if (c.runs().demoChunkDelayMs() != null && c.runs().demoChunkDelayMs() < 0) {
                    fail("/runs/demo_chunk_delay_ms", "demo_chunk_delay_ms must not be negative");
                }
            }
        }

        private void checkTenants(List<ServerConfig.Tenant> tenants) {
            Set<String> refs = new HashSet<>();
            for (int i = 0; i < tenants.size(); i++) {
                ServerConfig.Tenant t = tenants.get(i);
                String at = "/tenants/" + i;
                if (t.id() == null || !isUuid(t.id())) {
                    fail(at + "/id", "tenant id must be a UUID");
                }
                if (t.name() == null || t.name().isBlank()) {
                    fail(at + "/name", "tenant name is required");
                }
                if (!refs.add(t.id().toLowerCase(Locale.ROOT)) || !refs.add("name:" + t.name())) {
                    fail(at, "tenant '" + t.name() + "' is declared twice");
                }
                List<String> roots = list(t.workspaceRoots());
                for (int j = 0; j < roots.size(); j++) {
                    String root = roots.get(j);
                    if (root == null || !java.nio.file.Path.of(root).isAbsolute()
                            || !java.nio.file.Files.isDirectory(java.nio.file.Path.of(root))) {
                        fail(at + "/workspace_roots/" + j, "workspace root '" + root
                                + "' must be the absolute path of an existing folder");
                    }
                }
                List<ServerConfig.TokenEntry> tokens = list(t.tokens());
                for (int j = 0; j < tokens.size(); j++) {
                    ServerConfig.TokenEntry tok = tokens.get(j);
                    String tat = at + "/tokens/" + j;
                    if ((tok.token() == null) == (tok.tokenEnv() == null)) {
                        fail(tat, "a token needs exactly one of token or token_env");
                    }
                    if (tok.tokenEnv() != null && (env.apply(tok.tokenEnv()) == null
                            || env.apply(tok.tokenEnv()).isBlank())) {
                        fail(tat + "/token_env", "environment variable " + tok.tokenEnv() + " is not set");
                    }
                    if (tok.token() != null && tok.token().length() < 8) {
                        fail(tat + "/token", "a token must be at least 8 characters");
                    }
                    try {
                        Role.parse(tok.role() == null ? "" : tok.role());
                    } catch (IllegalArgumentException e) {
                        fail(tat + "/role", "role must be owner, admin or member");
                    }
                }
            }
        }

        private Set<String> checkProviders(List<ServerConfig.ProviderEntry> providers) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < providers.size(); i++) {
                ServerConfig.ProviderEntry p = providers.get(i);
                String at = "/providers/" + i;
                if (p.id() == null || p.id().isBlank()) {
                    fail(at, "provider id is required");
                }
                if (!ids.add(p.id())) {
                    fail(at + "/id", "provider '" + p.id() + "' is declared twice");
                }
                String kind = p.kind() == null ? Provider.OPENAI_COMPATIBLE : p.kind();
                if (!List.of(Provider.OPENAI_COMPATIBLE, Provider.DEMO).contains(kind)) {
                    fail(at + "/kind", "kind must be openai-compatible or demo");
                }
                if (kind.equals(Provider.OPENAI_COMPATIBLE) && (p.baseUrl() == null || !p.baseUrl().matches(
                        "^https?://.+"))) {
                    fail(at + "/base_url", "an openai-compatible provider needs an http(s) base_url");
                }
            }
            return ids;
        }

        private void checkModels(List<ServerConfig.ModelEntry> models, ServerConfig c, Set<String> providerIds) {
            Map<String, Integer> defaultsByLevel = new HashMap<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < models.size(); i++) {
                ServerConfig.ModelEntry m = models.get(i);
                String at = "/models/" + i;
                if (m.id() == null || !isUuid(m.id())) {
                    fail(at + "/id", "model id must be a UUID");
                }
                if (!ids.add(m.id().toLowerCase(Locale.ROOT))) {
                    fail(at + "/id", "model " + m.id() + " is declared twice");
                }
                if (m.name() == null || m.name().isBlank()) {
                    fail(at + "/name", "model name is required");
                }
                if (m.tenant() != null && tenantId(c, m.tenant()) == null) {
                    fail(at + "/tenant", "unknown tenant '" + m.tenant() + "'");
                }
                List<ServerConfig.BindingEntry> bindings = list(m.providers());
                for (int j = 0; j < bindings.size(); j++) {
                    ServerConfig.BindingEntry b = bindings.get(j);
                    if (b.provider() == null || !providerIds.contains(b.provider())) {
                        fail(at + "/providers/" + j + "/provider", "model '" + m.name()
                                + "' refers to unknown provider '" + b.provider() + "'");
                    }
                    if (b.providerModelId() == null || b.providerModelId().isBlank()) {
                        fail(at + "/providers/" + j, "provider_model_id is required");
                    }
                }
                boolean isChat = m.capabilityType() == null || m.capabilityType().equals("chat");
                if (Boolean.TRUE.equals(m.isDefault()) && isChat) {
                    String level = m.tenant() == null ? "global" : tenantId(c, m.tenant());
                    Integer previous = defaultsByLevel.put(level, i);
                    if (previous != null) {
                        fail(at + "/is_default", "two default chat models at the "
                                + (m.tenant() == null ? "global level" : "level of tenant " + m.tenant())
                                + " (the other is at line " + lines.lineOf("/models/" + previous) + ")");
                    }
                }
            }
        }

        private void checkApps(List<ServerConfig.AppEntry> apps, ServerConfig c) {
            for (int i = 0; i < apps.size(); i++) {
                ServerConfig.AppEntry a = apps.get(i);
                String at = "/apps/" + i;
                if (a.id() == null || !isUuid(a.id())) {
                    fail(at + "/id", "app id must be a UUID");
                }
                if (a.name() == null || a.name().isBlank()) {
                    fail(at + "/name", "app name is required");
                }
                if (a.tenant() == null || tenantId(c, a.tenant()) == null) {
                    fail(at + "/tenant", "unknown tenant '" + a.tenant() + "'");
                }
                if (a.workspacePath() != null && !Files.isDirectory(Path.of(a.workspacePath()))) {
                    fail(at + "/workspace_path", "workspace_path " + a.workspacePath() + " does not exist");
                }
                if (a.template() != null && !List.of("vite-react", "empty").contains(a.template())) {
                    fail(at + "/template", "template must be vite-react or empty");
                }
            }
        }

        private void positive(Integer value, String pointer) {
            if (value != null && value < 1) {
                fail(pointer, pointer.substring(pointer.lastIndexOf('/') + 1) + " must be at least 1");
            }
        }

        private void fail(String pointer, String message) {
            throw new ConfigException(name + ":" + lines.lineOf(pointer) + ": " + message);
        }

        private static <T> List<T> list(List<T> items) {
            return items == null ? List.of() : new ArrayList<>(items);
        }

        private static boolean isUuid(String s) {
            try {
                return UUID.fromString(s).toString().equalsIgnoreCase(s);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
