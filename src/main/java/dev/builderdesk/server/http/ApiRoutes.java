package dev.builderdesk.server.http;

import dev.builderdesk.protocol.Health;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.auth.AuthFilter;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.server.compare.CompareService;
import dev.builderdesk.server.models.ModelService;
import dev.builderdesk.server.models.ProviderService;
import dev.builderdesk.server.runs.ChatSessionService;
import dev.builderdesk.server.runs.CheckpointService;
import dev.builderdesk.server.runs.RunService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/**
 * Every route of the run API (CONTRACT.md §1–5). Handlers only translate HTTP to service calls: path and query
 * parameters are validated here, and bodies read into their {@code protocol} request records ({@link Bodies}; 422 on
 * bad shapes); everything else is the services' job.
 */
public final class ApiRoutes {
    private static final String AGENT = "/admin/apps/{app_id}/coding-agent";

    private final String version;
    private final ModelService models;
    private final ProviderService providers;
    private final AppService apps;
    private final RunService runs;
    private final CheckpointService checkpoints;
    private final ChatSessionService sessions;
    private final CompareService compares;
    private final StreamRoute stream;

    public ApiRoutes(String version, ModelService models, ProviderService providers, AppService apps, RunService runs,
            CheckpointService checkpoints, ChatSessionService sessions, CompareService compares, StreamRoute stream) {
        this.version = version;
        this.models = models;
        this.providers = providers;
        this.apps = apps;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.sessions = sessions;
        this.compares = compares;
        this.stream = stream;
    }

    public void register(RoutesConfig r) {
        r.get("/health", ctx -> Responses.json(ctx, new Health("ok", version)));
        registerModels(r);
        registerProviders(r);
        registerApps(r);
        registerRuns(r);
    }

    private void registerModels(RoutesConfig r) {
        r.get("/models", ctx -> Responses.json(ctx, models.list(who(ctx),
                enumQuery(ctx, "capability_type", ModelService.CAPABILITIES),
                Params.boolQuery(ctx, "is_active", true), Params.intQuery(ctx, "skip", 0, 0, Integer.MAX_VALUE),
                Params.intQuery(ctx, "limit", 50, 1, 10_000))));
        r.post("/models", ctx -> Responses.json(ctx, models.create(who(ctx),
                body(ctx, Scopes.MODELS_WRITE, false, b -> Bodies.model(b, true)))));
        r.get("/models/{model_id}", ctx -> Responses.json(ctx, models.get(who(ctx),
                Params.uuidPath(ctx, "model_id"))));
        r.put("/models/{model_id}", ctx -> {
            String id = Params.uuidPath(ctx, "model_id");
            Responses.json(ctx, models.update(who(ctx), id, body(ctx, Scopes.MODELS_WRITE, false,
                    b -> Bodies.model(b, false))));
        });
        r.delete("/models/{model_id}", ctx -> Responses.json(ctx, models.delete(who(ctx),
                Params.uuidPath(ctx, "model_id"))));
    }

    private void registerProviders(RoutesConfig r) {
        r.get("/providers", ctx -> Responses.json(ctx, providers.list(who(ctx))));
        r.post("/providers", ctx -> Responses.json(ctx, providers.create(who(ctx),
                body(ctx, Scopes.MODELS_WRITE, false, b -> Bodies.provider(b, true)))));
        r.get("/providers/{provider_id}", ctx -> Responses.json(ctx, providers.get(who(ctx),
                Params.textPath(ctx, "provider_id"))));
        r.put("/providers/{provider_id}", ctx -> Responses.json(ctx, providers.update(who(ctx),
                Params.textPath(ctx, "provider_id"), body(ctx, Scopes.MODELS_WRITE, false,
                        b -> Bodies.provider(b, false)))));
        r.delete("/providers/{provider_id}", ctx -> Responses.json(ctx, providers.delete(who(ctx),
                Params.textPath(ctx, "provider_id"))));
        r.post("/providers/{provider_id}/discover", ctx -> Responses.json(ctx, providers.discover(who(ctx),
                Params.textPath(ctx, "provider_id"), body(ctx, Scopes.MODELS_WRITE, true, Bodies::add))));
        r.post("/providers/{provider_id}/test", ctx -> Responses.json(ctx, providers.test(who(ctx),
                Params.textPath(ctx, "provider_id"))));
    }

    private void registerApps(RoutesConfig r) {
        r.get("/admin/apps", ctx -> Responses.json(ctx, apps.list(who(ctx))));
        r.post("/admin/apps", ctx -> Responses.json(ctx, apps.create(who(ctx),
                body(ctx, Scopes.APPS_WRITE, false, Bodies::createApp))));
        r.get("/admin/apps/{app_id}", ctx -> Responses.json(ctx, apps.get(who(ctx), app(ctx))));
        r.patch("/admin/apps/{app_id}", ctx -> {
            String app = app(ctx);
            // An app that does not exist is a 404 before anything in the body is judged.
            Responses.json(ctx, apps.update(who(ctx), app, body(ctx, Scopes.APPS_WRITE, false, b -> {
                apps.require(who(ctx), app);
                return Bodies.changeApp(b);
            })));
        });
        r.get("/admin/apps/{app_id}/builder/state", ctx -> Responses.json(ctx, apps.builderState(who(ctx),
                app(ctx))));
        r.get("/admin/apps/{app_id}/files", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, apps.files(who(ctx), app, Params.uuidQuery(ctx, "revision_id")));
        });
        r.get("/admin/apps/{app_id}/files/content", ctx -> {
            String app = app(ctx);
            String path = requiredQuery(ctx, "path");
            Responses.json(ctx, apps.fileContent(who(ctx), app, path, Params.uuidQuery(ctx, "revision_id")));
        });
        r.get("/admin/apps/{app_id}/revisions/{from_id}/diff/{to_id}", ctx -> {
            String app = app(ctx);
            String from = Params.uuidPath(ctx, "from_id");
            String to = Params.uuidPath(ctx, "to_id");
            Responses.json(ctx, apps.diff(who(ctx), app, from, to));
        });
    }

    private void registerRuns(RoutesConfig r) {
        r.post(AGENT + "/runs", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, runs.create(who(ctx), app, body(ctx, Scopes.APPS_WRITE, false, Bodies::createRun)));
        });
        r.get(AGENT + "/runs", ctx -> {
            String app = app(ctx);
            int limit = Params.intQuery(ctx, "limit", 25, 1, 100);
            String group = Params.stringQuery(ctx, "compare_group_id");
            String session = Params.uuidQuery(ctx, "chat_session_id");
            Responses.json(ctx, runs.list(who(ctx), app, limit, group, session));
        });
        r.get(AGENT + "/runs/{run_id}", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, runs.get(who(ctx), app, Params.uuidPath(ctx, "run_id")));
        });
        r.post(AGENT + "/runs/{run_id}/resume", ctx -> {
            String app = app(ctx);
            String run = Params.uuidPath(ctx, "run_id");
            JsonBody body = JsonBody.of(ctx, true);
            body.optionalObject("payload");
            body.finish();
            Responses.json(ctx, runs.resume(who(ctx), app, run));
        });
        r.post(AGENT + "/runs/{run_id}/cancel", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, runs.cancel(who(ctx), app, Params.uuidPath(ctx, "run_id")));
        });
        r.get(AGENT + "/runs/{run_id}/stream", stream);
        r.get(AGENT + "/checkpoints", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, checkpoints.list(who(ctx), app, Params.intQuery(ctx, "limit", 25, 1, 100)));
        });
        r.post(AGENT + "/checkpoints/{checkpoint_id}/restore", ctx -> {
            String app = app(ctx);
            String checkpoint = Params.uuidPath(ctx, "checkpoint_id");
            Responses.json(ctx, checkpoints.restore(who(ctx), app, checkpoint,
                    body(ctx, Scopes.APPS_WRITE, true, Bodies::restore)));
        });
        r.get(AGENT + "/chat-sessions", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, sessions.list(who(ctx), app, Params.intQuery(ctx, "limit", 25, 1, 100)));
        });
        r.get(AGENT + "/chat-sessions/{session_id}", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, sessions.get(who(ctx), app, Params.uuidPath(ctx, "session_id")));
        });
        r.patch(AGENT + "/chat-sessions/{session_id}", ctx -> {
            String app = app(ctx);
            String session = Params.uuidPath(ctx, "session_id");
            Responses.json(ctx, sessions.rename(who(ctx), app, session,
                    body(ctx, Scopes.APPS_WRITE, false, Bodies::title)));
        });
        r.delete(AGENT + "/chat-sessions/{session_id}", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, sessions.delete(who(ctx), app, Params.uuidPath(ctx, "session_id")));
        });
        r.post(AGENT + "/compare-groups", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, compares.create(who(ctx), app,
                    body(ctx, Scopes.APPS_WRITE, false, Bodies::comparison)));
        });
        r.get(AGENT + "/compare-groups", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, compares.list(who(ctx), app, Params.intQuery(ctx, "limit", 25, 1, 100)));
        });
        r.get(AGENT + "/compare-groups/{group_id}", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, compares.get(who(ctx), app, Params.textPath(ctx, "group_id")));
        });
        r.put(AGENT + "/compare-groups/{group_id}/verdict", ctx -> {
            String app = app(ctx);
            Responses.json(ctx, compares.setVerdict(who(ctx), app, Params.textPath(ctx, "group_id"),
                    body(ctx, Scopes.APPS_WRITE, false, Bodies::verdict)));
        });
    }

    /**
     * The body read into its request record, once the caller is known to hold {@code scope}: a member's malformed
     * request is told 403, not 422 (the original checks its auth dependency before it validates a body); a body
     * that is not JSON at all is a 422 first, as there.
     */
    private static <T> T body(Context ctx, String scope, boolean optional, Function<JsonBody, T> reader) {
        JsonBody body = JsonBody.of(ctx, optional);
        who(ctx).require(scope);
        T request = reader.apply(body);
        body.finish();
        return request;
    }

    private static Principal who(Context ctx) {
        return AuthFilter.principal(ctx);
    }

    private static String app(Context ctx) {
        return Params.uuidPath(ctx, "app_id");
    }

    private static String requiredQuery(Context ctx, String name) {
        String value = Params.stringQuery(ctx, name);
        if (value == null) {
            throw dev.builderdesk.server.ApiError.validation(List.of(new dev.builderdesk.server.ApiError
                    .ValidationIssue(List.of("query", name), "Field required", "missing")));
        }
        return value;
    }

    private static String enumQuery(Context ctx, String name, List<String> allowed) {
        String value = Params.stringQuery(ctx, name);
        if (value != null && !allowed.contains(value)) {
            throw dev.builderdesk.server.ApiError.validation(List.of(new dev.builderdesk.server.ApiError
                    .ValidationIssue(List.of("query", name), "Input should be one of " + allowed, "enum")));
        }
        return value;
    }
}
