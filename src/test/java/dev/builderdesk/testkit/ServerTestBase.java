package dev.builderdesk.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** For test classes that need a fresh server with one app per test; the server stops after each test. */
public abstract class ServerTestBase {
    @TempDir
    protected Path dir;
    protected TestServer server;
    protected String app;

    /** Starts the server and creates the app from {@code template}. */
    protected void start(TestServer.Options options, String template) {
        server = TestServer.start(dir, options);
        app = server.createApp("app", template).get("id").asText();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
