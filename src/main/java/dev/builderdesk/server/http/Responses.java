package dev.builderdesk.server.http;

import dev.builderdesk.protocol.Json;
import io.javalin.http.Context;
import java.util.Map;

/** Writes JSON answers with the protocol mapper. */
public final class Responses {
    private Responses() {
    }

    public static void json(Context ctx, Object body) {
        json(ctx, 200, body);
    }

    public static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    public static void error(Context ctx, int status, Object detail) {
        json(ctx, status, Map.of("detail", detail));
    }
}
