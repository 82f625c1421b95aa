package dev.builderdesk.protocol;

/**
 * Body of {@code POST /providers} (with an optional {@code id}) and {@code PUT /providers/{id}} as the server reads
 * it: on update, null fields stay unchanged, except the key fields, which {@code apiKeyGiven} and
 * {@code apiKeyEnvGiven} say were sent (an empty or null {@code api_key} removes the key).
 */
public record ProviderChange(String id, String name, String kind, String baseUrl, String apiKey,
        boolean apiKeyGiven, String apiKeyEnv, boolean apiKeyEnvGiven, Boolean enabled) {
}
