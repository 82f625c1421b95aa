package dev.builderdesk.providers;

/** Where and how to reach one provider: its kind, base URL and resolved API key (may be null). */
public record ProviderEndpoint(String id, String kind, String baseUrl, String apiKey) {
}
