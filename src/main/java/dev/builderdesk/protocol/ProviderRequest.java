package dev.builderdesk.protocol;

/** Body of {@code POST /providers} and {@code PUT /providers/{id}}; on update, null fields stay unchanged. */
public record ProviderRequest(String name, String kind, String baseUrl, String apiKey, String apiKeyEnv,
        Boolean enabled) {
}
