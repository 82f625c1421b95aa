package dev.builderdesk.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.ProviderModels.Offered;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chat models told apart from embedding, speech, image, moderation and rerank models (ADR 0012). */
class ModelKindsTest {
    private static String of(String json) throws Exception {
        return ModelKinds.capabilityOf(Json.mapper().readTree(json));
    }

    @Test
    void idsOfOtherKindsAreRecognised() {
        for (String id : List.of("text-embedding-3-small", "text-embedding-ada-002", "nomic-embed-text:latest",
                "mxbai-embed-large", "bge-m3", "multilingual-e5-large", "all-MiniLM-L6-v2")) {
            assertThat(ModelKinds.fromId(id)).as(id).isEqualTo(ModelKinds.EMBEDDING);
        }
        assertThat(ModelKinds.fromId("whisper-1")).isEqualTo(ModelKinds.SPEECH_TO_TEXT);
        assertThat(ModelKinds.fromId("gpt-4o-transcribe")).isEqualTo(ModelKinds.SPEECH_TO_TEXT);
        assertThat(ModelKinds.fromId("tts-1-hd")).isEqualTo(ModelKinds.TEXT_TO_SPEECH);
        assertThat(ModelKinds.fromId("gpt-4o-mini-tts")).isEqualTo(ModelKinds.TEXT_TO_SPEECH);
        assertThat(ModelKinds.fromId("dall-e-3")).isEqualTo(ModelKinds.IMAGE);
        assertThat(ModelKinds.fromId("gpt-image-1")).isEqualTo(ModelKinds.IMAGE);
        assertThat(ModelKinds.fromId("omni-moderation-latest")).isEqualTo(ModelKinds.MODERATION);
        assertThat(ModelKinds.fromId("bge-reranker-v2-m3")).isEqualTo(ModelKinds.RERANK);
        assertThat(ModelKinds.fromId("gpt-4o-realtime-preview")).isEqualTo(ModelKinds.AUDIO);
        assertThat(ModelKinds.fromId("davinci-002")).isEqualTo(ModelKinds.COMPLETION);
    }

    @Test
    void chatModelsStayChatModels() {
        for (String id : List.of("gpt-4o", "gpt-4o-mini", "o3-mini", "gpt-4.1", "qwen2.5-coder:7b",
                "Qwen/Qwen2.5-Coder-32B-Instruct", "llama3.1:8b", "deepseek-coder-v2", "claude-sonnet-4",
                "mistral-large-latest", "gemma3:12b", "gpt-4o-audio-preview", "phi4", "codestral-latest",
                "gpt-3.5-turbo")) {
            assertThat(ModelKinds.fromId(id)).as(id).isEqualTo(ModelKinds.CHAT);
        }
    }

    @Test
    void listingMetadataDecidesWhenItSays() throws Exception {
        String[][] cases = {
            {"{\"id\":\"m\",\"type\":\"embedding\"}", ModelKinds.EMBEDDING},
            {"{\"id\":\"embed-looking\",\"type\":\"chat\"}", ModelKinds.CHAT},
            {"{\"id\":\"m\",\"type\":\"llm\"}", ModelKinds.CHAT},
            {"{\"id\":\"m\",\"type\":\"embeddings\"}", ModelKinds.EMBEDDING},
            {"{\"id\":\"m\",\"mode\":\"audio_transcription\"}", ModelKinds.SPEECH_TO_TEXT},
            {"{\"id\":\"m\",\"capabilities\":{\"completion_chat\":false}}", ModelKinds.COMPLETION},
            {"{\"id\":\"mistral-embed\",\"capabilities\":{\"completion_chat\":false}}", ModelKinds.EMBEDDING},
            {"{\"id\":\"m\",\"capabilities\":{\"completion_chat\":true}}", ModelKinds.CHAT},
            {"{\"id\":\"m\",\"capabilities\":[\"embedding\"]}", ModelKinds.EMBEDDING},
            {"{\"id\":\"m\",\"capabilities\":[\"completion\",\"tools\"]}", ModelKinds.CHAT},
            {"{\"id\":\"m\",\"architecture\":{\"modality\":\"text+image->text\"}}", ModelKinds.CHAT},
            {"{\"id\":\"m\",\"architecture\":{\"output_modalities\":[\"image\"]}}", ModelKinds.IMAGE},
            // A word the table does not know falls back to the id.
            {"{\"id\":\"text-embedding-x\",\"owned_by\":\"openai\",\"type\":\"unheard-of\"}",
                ModelKinds.EMBEDDING},
        };
        for (String[] c : cases) {
            assertThat(of(c[0])).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void listingsOfSeveralShapesAreRead() throws Exception {
        List<Offered> openAi = ModelDiscovery.parse("{\"data\":[{\"id\":\"gpt-4o\"},{\"id\":\"whisper-1\"}]}");
        assertThat(openAi).containsExactly(new Offered("gpt-4o", "chat"), new Offered("whisper-1",
                "speech_to_text"));
        assertThat(ModelDiscovery.parse("[\"a\", {\"id\":\"b\"}]")).extracting(Offered::id).containsExactly("a", "b");
        assertThat(ModelDiscovery.parse("{\"models\":[{\"name\":\"nomic-embed-text\"}]}")).singleElement()
                .isEqualTo(new Offered("nomic-embed-text", "embedding"));
        for (String bad : List.of("<html>", "{\"object\":\"list\"}", "null", "42")) {
            try {
                ModelDiscovery.parse(bad);
                throw new AssertionError("parsed " + bad);
            } catch (DiscoveryException e) {
                assertThat(e.reason()).as(bad).isEqualTo(DiscoveryException.Reason.NOT_A_LISTING);
            }
        }
    }
}
