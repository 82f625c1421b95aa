package dev.builderdesk.server.auth;

import dev.builderdesk.server.ApiError;

/** Who is calling: a token's tenant and role. */
public record Principal(String tenantId, Role role) {
    /** Throws 403 unless the role grants the scope. */
    public void require(String scope) {
        if (!role.scopes().contains(scope)) {
            throw ApiError.forbidden("Missing required scopes: " + scope);
        }
    }
}
