package dev.builderdesk.client.internal;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;

/** Makes clients: the one place that names the implementation, for the composition root and tests. */
public final class RunApiClients {
    private RunApiClients() {
    }

    /** A client for one server, using the shared runtime. */
    public static RunApiClient connect(ClientRuntime runtime, ServerConnection connection) {
        return new OkHttpRunApiClient(runtime.http(), connection);
    }
}
