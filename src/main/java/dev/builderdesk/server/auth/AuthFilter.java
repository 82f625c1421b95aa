package dev.builderdesk.server.auth;

import dev.builderdesk.server.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs before every matched route except {@code /health}: resolves the bearer token to a {@link Principal} and checks
 * {@code X-Tenant-ID} against it (CONTRACT.md §1).
 */
public final class AuthFilter implements Handler {
    private static final String ATTRIBUTE = "builder-desk.principal";
    private final TokenRegistry tokens;

    public AuthFilter(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    /** The principal of an authenticated request. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw new IllegalStateException("Route without authentication: " + ctx.path());
        }
        return p;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.path().equals("/health")) {
            return;
        }
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("").strip();
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        if (token.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "Missing bearer token");
        }
        Principal principal = tokens.find(token).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer");
            return new ApiError(401, "Could not validate principal token");
        });
        String tenantHeader = ctx.header("X-Tenant-ID");
        if (tenantHeader != null && !tenantHeader.isBlank()) {
            UUID requested;
            try {
                requested = UUID.fromString(tenantHeader.strip());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("Invalid X-Tenant-ID header");
            }
            if (!requested.toString().equalsIgnoreCase(principal.tenantId())) {
                throw ApiError.forbidden("Not a member of the requested tenant");
            }
        }
        ctx.attribute(ATTRIBUTE, principal);
    }
}
