package dev.builderdesk.client.internal;

/**
 * The shared resources of every client in a process — one HTTP connection pool and dispatcher. Create one, pass it
 * to each client ({@link RunApiClients#connect}), close it last.
 */
public final class ClientRuntime implements AutoCloseable {
    private final HttpRuntime http = new HttpRuntime();

    HttpRuntime http() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }
}
