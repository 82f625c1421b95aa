package dev.builderdesk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.protocol.CreateAppRequest;
import dev.builderdesk.protocol.CreateRunRequest;
import dev.builderdesk.testkit.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each error of the contract reaches the caller as its typed exception, with its fields. */
class ErrorMappingTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static ClientRuntime runtime;
    static RunApiClient owner;
    static String app;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        runtime = new ClientRuntime();
        owner = RunApiClients.connect(runtime, ServerConnection.of(server.baseUrl(), TestServer.ACME_OWNER));
        app = owner.createApp(new CreateAppRequest("app", "vite-react", null)).id();
    }

    @AfterAll
    static void stop() {
        runtime.close();
        server.close();
    }

    private static CreateRunRequest run(String input, String modelId, String engine, String base) {
        return new CreateRunRequest(input, modelId, engine, base, null, null, null, null, null);
    }

    @Test
    void modelUnavailable() {
        var e = catchThrowableOfType(Errors.ModelUnavailableException.class,
                () -> owner.createRun(app, run("x", TestServer.MODEL_INACTIVE, null, null)));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("CODING_AGENT_MODEL_UNAVAILABLE");
        assertThat(e.field()).isEqualTo("model_id");
        assertThat(e.getMessage()).isEqualTo("Selected model is unavailable for this tenant.");
    }

    @Test
    void engineUnavailable() {
        var e = catchThrowableOfType(Errors.EngineUnavailableException.class,
                () -> owner.createRun(app, run("x", null, "opencode", null)));
        assertThat(e.code()).isEqualTo("CODING_AGENT_ENGINE_UNAVAILABLE");
        assertThat(e.getMessage()).startsWith("OpenCode engine is unavailable: ");
    }

    @Test
    void engineUnsupportedRuntime() throws IOException {
        HttpServer canned = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        canned.createContext("/", ex -> {
            byte[] body = ("{\"detail\":{\"code\":\"CODING_AGENT_ENGINE_UNSUPPORTED_RUNTIME\",\"field\":\"engine\","
                    + "\"message\":\"OpenCode engine requires an app with a local workspace folder\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(400, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        canned.start();
        try {
            RunApiClient c = RunApiClients.connect(runtime, ServerConnection.of("http://127.0.0.1:"
                    + canned.getAddress().getPort(), "t"));
            var e = catchThrowableOfType(Errors.EngineUnsupportedRuntimeException.class,
                    () -> c.createRun("a", run("x", null, "opencode", null)));
            assertThat(e.code()).isEqualTo("CODING_AGENT_ENGINE_UNSUPPORTED_RUNTIME");
            assertThat(e.getMessage()).isEqualTo("OpenCode engine requires an app with a local workspace folder");
        } finally {
            canned.stop(0);
        }
    }

    @Test
    void revisionConflictCarriesTheLatestRevision() {
        String draft = owner.builderState(app).currentDraftRevision().id();
        var e = catchThrowableOfType(Errors.RevisionConflictException.class,
                () -> owner.createRun(app, run("x", null, null, "11111111-1111-4111-8111-111111111111")));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.latestRevisionId()).isEqualTo(draft);
        assertThat(e.latestUpdatedAt()).endsWith("+00:00");
    }

    @Test
    void notFoundUnauthorizedAndForbidden() {
        var missing = catchThrowableOfType(Errors.NotFoundException.class,
                () -> owner.getRun(app, "22222222-2222-4222-8222-222222222222"));
        assertThat(missing.getMessage()).isEqualTo("Coding-agent run not found");
        RunApiClient stranger = RunApiClients.connect(runtime, ServerConnection.of(server.baseUrl(), "nope-nope"));
        var unauthorized = catchThrowableOfType(Errors.UnauthorizedException.class, stranger::listApps);
        assertThat(unauthorized.getMessage()).isEqualTo("Could not validate principal token");
        RunApiClient member = RunApiClients.connect(runtime, ServerConnection.of(server.baseUrl(),
                TestServer.ACME_MEMBER));
        var forbidden = catchThrowableOfType(Errors.ForbiddenException.class,
                () -> member.createApp(new CreateAppRequest("x", null, null)));
        assertThat(forbidden.getMessage()).isEqualTo("Missing required scopes: apps.write");
        RunApiClient otherTenant = RunApiClients.connect(runtime, ServerConnection.of(server.baseUrl(),
                TestServer.ACME_OWNER).withTenant(TestServer.BETA));
        assertThat(catchThrowableOfType(Errors.ForbiddenException.class, otherTenant::listApps).getMessage())
                .isEqualTo("Not a member of the requested tenant");
    }

    @Test
    void validationListsItsLocations() {
        var e = catchThrowableOfType(Errors.ValidationException.class,
                () -> owner.createRun(app, run(null, null, null, null)));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.issues()).extracting(Errors.ValidationException.Issue::loc).containsExactly(List.of("body",
                "input"));
        assertThat(e.issues().get(0).type()).isEqualTo("string_type");
    }

    @Test
    void plainBadRequestConflictAndPayloadTooLarge() {
        var blank = catchThrowableOfType(Errors.BadRequestException.class, () -> owner.createRun(app,
                run("  ", null, null, null)));
        assertThat(blank.getMessage()).isEqualTo("input is required");
        String runId = owner.createRun(app, run("hello", null, null, null)).runId();
        server.awaitStatus(app, runId, "completed");
        var conflict = catchThrowableOfType(Errors.ConflictException.class, () -> owner.resumeRun(app, runId));
        assertThat(conflict.getMessage()).isEqualTo("Run is not paused");
        var big = catchThrowableOfType(Errors.PayloadTooLargeException.class, () -> owner.createRun(app,
                run("x".repeat((1 << 20) + 1), null, null, null)));
        assertThat(big.status()).isEqualTo(413);
        assertThat(owner.createModel(Map.of("name", "ok", "providers", List.of(Map.of("provider", "scripted",
                "provider_model_id", "x")))).name()).isEqualTo("ok");
    }

    @Test
    void serverUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RunApiClient nowhere = RunApiClients.connect(runtime, ServerConnection.of("http://127.0.0.1:" + closedPort,
                "t"));
        var e = catchThrowableOfType(Errors.ServerUnreachableException.class, nowhere::health);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).startsWith("Cannot reach the run server at http://127.0.0.1:" + closedPort);
    }
}
