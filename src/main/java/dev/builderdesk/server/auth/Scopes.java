package dev.builderdesk.server.auth;

/** Scope names as the contract spells them. */
public final class Scopes {
    public static final String APPS_READ = "apps.read";
    public static final String APPS_WRITE = "apps.write";
    public static final String MODELS_WRITE = "models.write";

    private Scopes() {
    }
}
