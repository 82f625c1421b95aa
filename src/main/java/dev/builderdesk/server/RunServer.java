package dev.builderdesk.server;

import dev.builderdesk.server.auth.AuthFilter;
import dev.builderdesk.server.http.ApiRoutes;
import dev.builderdesk.server.http.JsonErrorHandler;
import dev.builderdesk.server.http.Responses;
import dev.builderdesk.server.runs.RunSupervisor;
import dev.builderdesk.workspace.AppFolderException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import java.time.Duration;
import java.util.Map;

/**
 * The run API's HTTP server (Javalin 7 on Jetty 12, virtual threads). Maps every error to {@code {"detail": ...}};
 * anything unexpected is logged and answered 500 with no internals.
 */
public final class RunServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunServer.class.getName());
    /** Largest request body accepted (CONTRACT.md §1). */
    public static final long MAX_BODY_BYTES = 1 << 20;
    private static final long DRAIN_LIMIT_BYTES = 16L << 20;
    /** Connections waiting to be accepted; public so a test can read it from the listening socket. */
    public static final int ACCEPT_QUEUE = 1024;

    private final Javalin javalin;
    private final RunSupervisor supervisor;
    private final Duration shutdownGrace;
    private volatile String bindHost;
    private volatile int bindPort;

    public RunServer(ApiRoutes routes, AuthFilter auth, RunSupervisor supervisor, Duration shutdownGrace) {
        this.supervisor = supervisor;
        this.shutdownGrace = shutdownGrace;
        this.javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.http.prefer405over404 = true;
            // SSE must reach the client as written; compression would buffer it.
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.concurrency.useVirtualThreads = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            // Our own connector, for its accept queue: Jetty's default of 50 dropped connections of a burst (a
            // shared server's clients open streams and create runs all at once); the kernel caps it at somaxconn.
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(bindHost);
                connector.setPort(bindPort);
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
            cfg.router.ignoreTrailingSlashes = true;
            cfg.routes.beforeMatched(RunServer::refuseOversizedBody);
            cfg.routes.beforeMatched(auth);
            routes.register(cfg.routes);
            cfg.routes.exception(ApiError.class, (e, ctx) -> Responses.error(ctx, e.status(), e.detail()));
            cfg.routes.exception(AppFolderException.class, (e, ctx) -> {
                ApiError coded = folderError(e);
                Responses.error(ctx, coded.status(), coded.detail());
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> Responses.error(ctx, e.getStatus(),
                    describe(e)));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.log(System.Logger.Level.ERROR, "Unhandled error on " + ctx.method() + " " + ctx.path(), e);
                Responses.error(ctx, 500, "Internal server error");
            });
        });
    }

    /** Binds and starts; port 0 picks a free port. */
    public RunServer start(String host, int port) {
        bindHost = host;
        bindPort = port;
        javalin.start(host, port);
        return this;
    }

    public int port() {
        return javalin.port();
    }

    /** Pauses executing runs (they resume after a restart) and stops the HTTP server. */
    @Override
    public void close() {
        supervisor.pauseAll(shutdownGrace);
        javalin.stop();
        supervisor.close();
    }

    /**
     * Javalin checks the size only when a handler reads the body, so oversized bodies are refused here for every
     * route. The body is drained first (up to a bound): a server that answers before the client has finished
     * sending may close the connection under it, and the client would never read the 413.
     */
    private static void refuseOversizedBody(io.javalin.http.Context ctx) throws java.io.IOException {
        long length = ctx.req().getContentLengthLong();
        if (length <= MAX_BODY_BYTES) {
            return;
        }
        if (length <= DRAIN_LIMIT_BYTES) {
            ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        }
        throw new ApiError(413, "Request body is too large (limit 1 MiB)");
    }

    /**
     * An app folder that cannot be used is the user's to fix, never a server error: too large to open → 400,
     * unreadable or not writable (nothing was changed) → 409. The message names folder-relative paths only.
     */
    static ApiError folderError(AppFolderException e) {
        int status = e.kind() == AppFolderException.Kind.TOO_LARGE ? 400 : 409;
        return ApiError.coded(status, e.code(), null, e.getMessage(), Map.of());
    }

    private static String describe(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Request body is too large (limit 1 MiB)";
            default -> e.getMessage();
        };
    }
}
