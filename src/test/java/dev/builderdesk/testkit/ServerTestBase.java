package dev.builderdesk.testkit;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** For test classes that need a fresh server with one app per test; the server stops after each test. */
public abstract class ServerTestBase {
    @TempDir
    protected Path dir;
    protected TestServer server;
    protected String app;

    private ClientRuntime runtime;

    /** Starts the server and creates the app from {@code template}. */
    protected void start(TestServer.Options options, String template) {
        startWithoutApps(options);
        app = server.createApp("app", template).get("id").asText();
    }

    /** Starts the server with no app yet. */
    protected void startWithoutApps(TestServer.Options options) {
        server = TestServer.start(dir, options);
    }

    /** A typed client of the server as acme's owner (one HTTP runtime per test, closed after it). */
    protected RunApiClient client() {
        if (runtime == null) {
            runtime = new ClientRuntime();
        }
        return RunApiClients.connect(runtime, ServerConnection.of(server.baseUrl(), TestServer.ACME_OWNER));
    }

    /** A client factory on the same runtime, for code that opens connections of its own. */
    protected Function<ServerConnection, RunApiClient> connector() {
        client();
        return c -> RunApiClients.connect(runtime, c);
    }

    @AfterEach
    void stopServer() {
        if (runtime != null) {
            runtime.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
