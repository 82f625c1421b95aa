package dev.builderdesk.protocol;

/**
 * A model provider endpoint ({@code /providers}). API keys are write-only: only {@code hasApiKey} is returned.
 * {@code kind} is {@code openai-compatible} or {@code demo}. Ours: {@code readOnly} is true for a provider of the
 * server's configuration file (the API refuses to change or remove it).
 */
public record Provider(
        String id,
        String name,
        String kind,
        String baseUrl,
        String apiKeyEnv,
        boolean hasApiKey,
        boolean enabled,
        boolean readOnly) {

    /** Kind of a provider speaking the OpenAI chat completions protocol. */
    public static final String OPENAI_COMPATIBLE = "openai-compatible";
    /** Kind of the built-in scripted offline provider. */
    public static final String DEMO = "demo";
}
