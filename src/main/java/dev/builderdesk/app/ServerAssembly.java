package dev.builderdesk.app;

import dev.builderdesk.app.config.ConfigLoader;
import dev.builderdesk.app.config.ServerConfig;
import dev.builderdesk.engine.Engine;
import dev.builderdesk.engine.NativeEngine;
import dev.builderdesk.engine.opencode.OpenCodeEngine;
import dev.builderdesk.engine.opencode.OpenCodeLauncher;
import dev.builderdesk.providers.ModelDiscovery;
import dev.builderdesk.providers.ProviderFactory;
import dev.builderdesk.providers.RetryPolicy;
import dev.builderdesk.server.RunServer;
import dev.builderdesk.server.ServerSettings;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.apps.FolderPolicy;
import dev.builderdesk.server.auth.AuthFilter;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Role;
import dev.builderdesk.server.auth.TokenRegistry;
import dev.builderdesk.server.compare.CompareService;
import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.server.http.ApiRoutes;
import dev.builderdesk.server.http.StreamRoute;
import dev.builderdesk.server.models.ModelService;
import dev.builderdesk.server.models.ProviderService;
import dev.builderdesk.server.models.ProviderUrls;
import dev.builderdesk.server.runs.ChatSessionService;
import dev.builderdesk.server.runs.CheckpointService;
import dev.builderdesk.server.runs.EngineAvailability;
import dev.builderdesk.server.runs.RunService;
import dev.builderdesk.server.runs.RunLeases;
import dev.builderdesk.server.runs.RunServices;
import dev.builderdesk.store.Database;
import dev.builderdesk.store.Store;
import dev.builderdesk.tools.CodingTools;
import dev.builderdesk.workspace.Drafts;
import dev.builderdesk.workspace.Revisions;
import dev.builderdesk.workspace.Sandboxes;
import dev.builderdesk.workspace.ScanRules;
import dev.builderdesk.workspace.WorkspaceRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * Builds and starts the run API server: the composition root of the server side. It owns what it creates and
 * closes it in order — runs paused, HTTP stopped, database closed, HTTP client pools released.
 */
public final class ServerAssembly implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ServerAssembly.class.getName());
    private static final StartupClock CLOCK = StartupClock.ofProcess();

    /**
     * How to start.
     *
     * @param configFile   the YAML file, or null for the zero-config default
     * @param host         overrides {@code server.host} when not null
     * @param port         overrides {@code server.port} when not null (0 = any free port)
     * @param localServers the local model servers probed in zero-config mode
     * @param env          environment lookup (token and API key variables)
     * @param heldFolder   the data folder, already opened (and locked) by the caller, who keeps it; null: the
     *                     server opens {@code dataDir} itself and releases it when it closes
     */
    public record Options(Path dataDir, Path configFile, String host, Integer port,
            List<ZeroConfig.LocalServer> localServers, Function<String, String> env, String launchToken,
            DataFolder heldFolder) {

        public Options(Path dataDir, Path configFile, String host, Integer port,
                List<ZeroConfig.LocalServer> localServers, Function<String, String> env) {
            this(dataDir, configFile, host, port, localServers, env, null, null);
        }

        public static Options of(Path dataDir, Path configFile, String host, Integer port) {
            return new Options(dataDir, configFile, host, port, ZeroConfig.DEFAULT_LOCAL_SERVERS, System::getenv);
        }

        /** The same options plus a token valid for this process only, owner of the zero-config tenant. */
        public Options withLaunchToken(String token) {
            return new Options(dataDir, configFile, host, port, localServers, env, token, heldFolder);
        }

        /** The same options on a data folder the caller has opened already (and closes itself). */
        public Options withHeldFolder(DataFolder folder) {
            return new Options(dataDir, configFile, host, port, localServers, env, launchToken, folder);
        }
    }

    private final Store store;
    private final EventLog log;
    private final OkHttpClient http;
    private final RunServer server;
    private final String host;
    private final Path dataDir;
    private final Optional<ZeroConfig.Owner> owner;
    private final Optional<DataFolder> ownFolder;

    private ServerAssembly(Store store, EventLog log, OkHttpClient http, RunServer server, String host, Path dataDir,
            Optional<ZeroConfig.Owner> owner, Optional<DataFolder> ownFolder) {
        this.ownFolder = ownFolder;
        this.store = store;
        this.log = log;
        this.http = http;
        this.server = server;
        this.host = host;
        this.dataDir = dataDir;
        this.owner = owner;
    }

    /**
     * Starts the server on its data folder.
     *
     * @throws DataFolderInUseException when another process uses the data folder (nothing was started)
     */
    public static ServerAssembly start(Options options) {
        ServerConfig config = options.configFile() == null ? ServerConfig.empty()
                : new ConfigLoader(options.env()).load(options.configFile());
        Optional<DataFolder> ownFolder = options.heldFolder() == null
                ? Optional.of(DataFolder.open(options.dataDir())) : Optional.empty();
        try {
            return start(options, config, options.dataDir().toAbsolutePath().normalize(), ownFolder);
        } catch (RuntimeException e) {
            ownFolder.ifPresent(DataFolder::close);
            throw e;
        }
    }

    private static ServerAssembly start(Options options, ServerConfig config, Path dataDir,
            Optional<DataFolder> ownFolder) {
        String url = config.database() != null && config.database().url() != null
                ? config.database().url().replace("${data_dir}", dataDir.toString())
                : "jdbc:sqlite:" + dataDir.resolve("builder-desk.db");
        trace("starting");
        ServerSettings settings = settings(config, dataDir);
        ProviderUrls providerUrls = new ProviderUrls(config.server() == null
                || config.server().providerUrlPrefixes() == null ? List.of() : config.server().providerUrlPrefixes());
        OkHttpClient http = new OkHttpClient.Builder()
                // With an allow-list, a provider's redirect must not lead past it.
                .followRedirects(!providerUrls.restricted())
                .followSslRedirects(!providerUrls.restricted())
                .socketFactory(new NoDelaySocketFactory())
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(180))
                .build();
        trace("http client built");
        Store store = Store.open(url, config.database() != null && config.database().poolSize() != null
                ? config.database().poolSize() : Database.DEFAULT_POOL_SIZE);
        trace("store open");
        EventLog log = new EventLog(store);
        try {
            // Looking for local model servers at startup must not hold it up; a user's own endpoint gets longer.
            ModelDiscovery discovery = new ModelDiscovery(http, Duration.ofMillis(800));
            ModelDiscovery userDiscovery = new ModelDiscovery(http, Duration.ofSeconds(15));
            Revisions revisions = new Revisions(store.revisions());
            Drafts drafts = new Drafts(store, revisions, ScanRules.appFolders(privatePaths(dataDir, url)));
            Sandboxes sandboxes = new Sandboxes(dataDir.resolve("sandboxes"));
            ModelService models = new ModelService(store, providerUrls);
            ProviderService providers = new ProviderService(store, userDiscovery, providerUrls);
            AppService apps = new AppService(store, revisions, drafts, folderPolicy(config),
                    settings.verifyCommands());
            int demoDelay = config.runs() != null && config.runs().demoChunkDelayMs() != null
                    ? config.runs().demoChunkDelayMs() : 12;
            OpenCodeLauncher openCode = new OpenCodeLauncher(
                    settings.openCodeCommand() == null ? "opencode" : settings.openCodeCommand(),
                    dataDir.resolve("opencode"));
            Map<String, Engine> engines = Map.of(RunService.NATIVE,
                    new NativeEngine(CodingTools.pipeline(settings.allowedExtensions())),
                    RunService.OPENCODE, new OpenCodeEngine(openCode));
            EngineAvailability availability = new EngineAvailability(settings.openCodeCommand(), openCode::version);
            // SQLite is one process's database (its data folder is locked): a restart need not wait for leases.
            RunLeases leases = RunLeases.create(store, leaseDuration(config), !store.db().shared());
            RunServices runs = RunServices.create(store, log, apps, models, new ProviderFactory(http, demoDelay),
                    engines, revisions, drafts, sandboxes, availability, settings, leases);
            trace("services built");

            TokenRegistry tokens = new TokenRegistry();
            new ConfigApplier(store, apps, options.env()).apply(config, tokens);
            trace("config applied");
            Optional<ZeroConfig.Owner> owner = Optional.empty();
            if (!config.shared()) {
                owner = Optional.of(new ZeroConfig(store, discovery).apply(dataDir, tokens, options.localServers()));
                if (options.launchToken() != null) {
                    tokens.add(options.launchToken(), new Principal(owner.get().tenantId(), Role.OWNER));
                }
            }

            trace("zero config applied");
            ApiRoutes routes = new ApiRoutes(settings.version(), models, providers, apps, runs.runs(),
                    new CheckpointService(store, apps, revisions, drafts), new ChatSessionService(store, apps),
                    new CompareService(store, apps, runs.runs()),
                    new StreamRoute(runs.runs(), log, settings.heartbeat()));
            String host = options.host() != null ? options.host()
                    : config.server() != null && config.server().host() != null ? config.server().host() : "127.0.0.1";
            int port = options.port() != null ? options.port()
                    : config.server() != null && config.server().port() != null ? config.server().port() : 8787;
            // Before the first request: on SQLite recovery takes every run left behind, and must not take one that a
            // request (a cancel, a resume) is already working on.
            int recovered = runs.runs().recover();
            if (recovered > 0) {
                LOG.log(System.Logger.Level.INFO, "Recovering " + recovered + " run(s) left by the last stop");
            }
            RunServer server;
            try {
                server = new RunServer(routes, new AuthFilter(tokens), runs.supervisor(), settings.shutdownGrace())
                        .start(host, port);
            } catch (RuntimeException e) {
                // A start that fails (the port in use) leaves nothing running: the recovered runs stop here again.
                runs.supervisor().pauseAll(settings.shutdownGrace());
                runs.supervisor().close();
                throw e;
            }
            trace("http server listening");
            return new ServerAssembly(store, log, http, server, host, dataDir, owner, ownFolder);
        } catch (RuntimeException e) {
            log.close();
            store.close();
            throw e;
        }
    }

    /** The steps of a start, at debug level (a start-up's profile without a profiler). */
    private static void trace(String step) {
        LOG.log(System.Logger.Level.DEBUG, () -> "server start: " + step + " after " + CLOCK.elapsedMs() + " ms");
    }

    /**
     * What folder scans must never enter or open: the data folder and the database's files wherever the
     * configuration put them (closing any descriptor of a SQLite file drops this process's locks on it).
     */
    private static Set<Path> privatePaths(Path dataDir, String jdbcUrl) {
        Set<Path> paths = new HashSet<>(List.of(dataDir));
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            paths.addAll(Database.files(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())).toAbsolutePath()));
        }
        return paths;
    }

    /**
     * A server without tenants in its config is the desktop's own (one user, their machine): any folder. A
     * configured one opens folders over the API only under each tenant's {@code workspace_roots}.
     */
    private static FolderPolicy folderPolicy(ServerConfig config) {
        if (!config.shared()) {
            return FolderPolicy.anyFolder();
        }
        Map<String, List<Path>> roots = new java.util.HashMap<>();
        for (ServerConfig.Tenant t : config.tenants()) {
            roots.put(t.id().toLowerCase(java.util.Locale.ROOT), t.workspaceRoots() == null ? List.of()
                    : t.workspaceRoots().stream().map(Path::of).toList());
        }
        return FolderPolicy.underRoots(roots);
    }

    private static Duration leaseDuration(ServerConfig config) {
        return config.server() != null && config.server().leaseSeconds() != null
                ? Duration.ofSeconds(config.server().leaseSeconds()) : RunLeases.DEFAULT;
    }

    private static ServerSettings settings(ServerConfig config, Path dataDir) {
        int heartbeat = config.server() != null && config.server().heartbeatSeconds() != null
                ? config.server().heartbeatSeconds() : 10;
        ServerConfig.Runs runs = config.runs();
        int maxSteps = runs != null && runs.maxToolIterations() != null ? runs.maxToolIterations() : 30;
        int budget = runs != null && runs.messageBudgetChars() != null ? runs.messageBudgetChars() : 28_000;
        String defaultEngine = config.engines() != null && config.engines().defaultEngine() != null
                ? config.engines().defaultEngine() : RunService.NATIVE;
        // A server with tenants is shared: OpenCode (an agent with a shell) and verify commands run programs as the
        // server's user, so there they are off unless the operator turns them on; the desktop's own server has them.
        boolean shared = config.shared();
        String openCode = shared ? null : "opencode";
        if (config.engines() != null && config.engines().opencode() != null) {
            ServerConfig.OpenCode oc = config.engines().opencode();
            boolean on = oc.enabled() != null ? oc.enabled() : !shared;
            openCode = !on ? null : oc.command() != null ? oc.command() : "opencode";
        }
        boolean verifyCommands = !shared || config.server() != null
                && Boolean.TRUE.equals(config.server().allowVerifyCommands());
        RetryPolicy retries = new RetryPolicy(
                runs != null && runs.providerMaxAttempts() != null ? runs.providerMaxAttempts() : 3,
                Duration.ofMillis(runs != null && runs.providerRetryDelayMs() != null ? runs.providerRetryDelayMs()
                        : 1_000), Duration.ofSeconds(20));
        return new ServerSettings(AppDirs.version(), dataDir, Duration.ofSeconds(heartbeat), maxSteps, budget,
                defaultEngine, openCode, WorkspaceRules.DEFAULT_EXTENSIONS, Duration.ofSeconds(10), retries,
                verifyCommands);
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + shown + ":" + port();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The owner token of a zero-config server. */
    public Optional<String> ownerToken() {
        return owner.map(ZeroConfig.Owner::token);
    }

    /** True when this start created the owner token (it is shown once, now). */
    public boolean ownerTokenCreated() {
        return owner.map(ZeroConfig.Owner::created).orElse(false);
    }

    public Optional<Path> ownerTokenFile() {
        return owner.map(ZeroConfig.Owner::tokenFile);
    }

    @Override
    public void close() {
        server.close();
        log.close();
        store.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try {
            http.dispatcher().executorService().awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ownFolder.ifPresent(DataFolder::close);
    }
}
