package dev.builderdesk.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One streamed chat completion: the provider's model name, the conversation and the tools offered. */
public record ChatRequest(String model, List<ChatMessage> messages, List<ObjectNode> tools) {
}
