package dev.builderdesk.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells chat models from the rest in an OpenAI-compatible {@code /models} listing (ADR 0012). The listing's own
 * metadata decides when it has any — {@code type} or {@code mode} (Together, LM Studio, LiteLLM), {@code
 * capabilities} (Mistral's {@code completion_chat}, Ollama's list), {@code architecture} (OpenRouter's output
 * modalities); otherwise the id does: {@code rerank}, {@code embed}, {@code whisper}/{@code transcribe}, {@code tts},
 * {@code dall-e}/{@code gpt-image}/{@code stable-diffusion}, {@code moderation}, {@code realtime}, and OpenAI's
 * completion-only models. Anything else is taken for a chat model. Pure.
 */
public final class ModelKinds {
    public static final String CHAT = "chat";
    public static final String COMPLETION = "completion";
    public static final String EMBEDDING = "embedding";
    public static final String SPEECH_TO_TEXT = "speech_to_text";
    public static final String TEXT_TO_SPEECH = "text_to_speech";
    public static final String IMAGE = "image";
    public static final String AUDIO = "audio";
    public static final String RERANK = "rerank";
    public static final String MODERATION = "moderation";

    /** Words of {@code type}/{@code mode} fields, by the capability they mean. */
    private static final Map<String, String> TYPE_WORDS = Map.ofEntries(
            Map.entry("chat", CHAT), Map.entry("llm", CHAT), Map.entry("vlm", CHAT), Map.entry("language", CHAT),
            Map.entry("code", CHAT), Map.entry("text-generation", CHAT), Map.entry("text_generation", CHAT),
            Map.entry("completion", CHAT), Map.entry("responses", CHAT),
            Map.entry("embedding", EMBEDDING), Map.entry("embeddings", EMBEDDING), Map.entry("embed", EMBEDDING),
            Map.entry("feature-extraction", EMBEDDING),
            Map.entry("image", IMAGE), Map.entry("images", IMAGE), Map.entry("image_generation", IMAGE),
            Map.entry("image-generation", IMAGE),
            Map.entry("audio", AUDIO), Map.entry("transcribe", SPEECH_TO_TEXT), Map.entry("transcription",
                    SPEECH_TO_TEXT), Map.entry("audio_transcription", SPEECH_TO_TEXT),
            Map.entry("speech-to-text", SPEECH_TO_TEXT), Map.entry("stt", SPEECH_TO_TEXT),
            Map.entry("tts", TEXT_TO_SPEECH), Map.entry("audio_speech", TEXT_TO_SPEECH),
            Map.entry("text-to-speech", TEXT_TO_SPEECH),
            Map.entry("rerank", RERANK), Map.entry("reranker", RERANK), Map.entry("reranking", RERANK),
            Map.entry("moderation", MODERATION));

    private ModelKinds() {
    }

    /** The capability of one entry of a listing ({@code {"id": ..., ...}}). */
    public static String capabilityOf(JsonNode entry) {
        return fromMetadata(entry).orElseGet(() -> fromId(entry.path("id").asText("")));
    }

    /** The capability by the listing's metadata, when it says. */
    static Optional<String> fromMetadata(JsonNode entry) {
        for (String field : List.of("type", "model_type", "mode", "task")) {
            JsonNode v = entry.get(field);
            if (v != null && v.isTextual()) {
                String word = TYPE_WORDS.get(v.asText().strip().toLowerCase(Locale.ROOT));
                if (word != null) {
                    return Optional.of(word);
                }
            }
        }
        JsonNode caps = entry.get("capabilities");
        if (caps != null && caps.isObject() && caps.path("completion_chat").isBoolean()) {
            return Optional.of(caps.get("completion_chat").asBoolean() ? CHAT : nonChat(entry));
        }
        if (caps != null && caps.isArray() && !caps.isEmpty()) {
            List<String> words = texts(caps);
            if (words.contains("chat") || words.contains("completion") || words.contains("tools")) {
                return Optional.of(CHAT);
            }
            if (words.contains("embedding") || words.contains("embeddings")) {
                return Optional.of(EMBEDDING);
            }
        }
        JsonNode arch = entry.get("architecture");
        if (arch != null && arch.isObject()) {
            List<String> outputs = arch.path("output_modalities").isArray() ? texts(arch.get("output_modalities"))
                    : arch.path("modality").isTextual() ? List.of(arch.get("modality").asText()
                    .replaceFirst("^.*->", "").split("\\+")) : List.of();
            if (outputs.contains("text")) {
                return Optional.of(fromId(entry.path("id").asText("")));
            }
            if (outputs.contains("image")) {
                return Optional.of(IMAGE);
            }
            if (outputs.contains("audio")) {
                return Optional.of(TEXT_TO_SPEECH);
            }
            if (outputs.contains("embeddings") || outputs.contains("embedding")) {
                return Optional.of(EMBEDDING);
            }
        }
        return Optional.empty();
    }

    /** The capability by the id alone: the kinds that are not chat announce themselves in their names. */
    public static String fromId(String id) {
        String s = id.toLowerCase(Locale.ROOT);
        List<String> tokens = List.of(s.split("[^a-z0-9]+"));
        if (s.contains("rerank")) {
            return RERANK;
        }
        if (s.contains("embed") || tokens.contains("bge") || tokens.contains("e5") || tokens.contains("gte")
                || s.contains("minilm")) {
            return EMBEDDING;
        }
        if (s.contains("whisper") || s.contains("transcribe")) {
            return SPEECH_TO_TEXT;
        }
        if (tokens.contains("tts")) {
            return TEXT_TO_SPEECH;
        }
        if (s.contains("dall-e") || tokens.contains("dalle") || s.contains("gpt-image") || s.contains("imagen")
                || s.contains("stable-diffusion") || tokens.contains("sdxl")) {
            return IMAGE;
        }
        if (s.contains("moderation")) {
            return MODERATION;
        }
        if (tokens.contains("realtime")) {
            return AUDIO;
        }
        if (s.startsWith("babbage-") || s.startsWith("davinci-") || s.startsWith("gpt-3.5-turbo-instruct")) {
            return COMPLETION;
        }
        return CHAT;
    }

    /** Metadata said "not chat" without saying what: the id may, else it is a plain completion model. */
    private static String nonChat(JsonNode entry) {
        String byId = fromId(entry.path("id").asText(""));
        return byId.equals(CHAT) ? COMPLETION : byId;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            if (n.isTextual()) {
                out.add(n.asText().strip().toLowerCase(Locale.ROOT));
            }
        });
        return out;
    }
}
