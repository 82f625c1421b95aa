package dev.builderdesk.server.auth;

import java.util.Locale;
import java.util.Set;

/** What a token may do. Owners and admins manage apps and models; members only read apps. */
public enum Role {
    OWNER(Set.of(Scopes.APPS_READ, Scopes.APPS_WRITE, Scopes.MODELS_WRITE)),
    ADMIN(Set.of(Scopes.APPS_READ, Scopes.APPS_WRITE, Scopes.MODELS_WRITE)),
    MEMBER(Set.of(Scopes.APPS_READ));

    private final Set<String> scopes;

    Role(Set<String> scopes) {
        this.scopes = scopes;
    }

    public Set<String> scopes() {
        return scopes;
    }

    public static Role parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
