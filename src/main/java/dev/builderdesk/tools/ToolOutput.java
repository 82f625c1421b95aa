package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a tool call produced: the uniform {@code {ok, ...}} envelope fed back to the model. */
public record ToolOutput(ObjectNode envelope) {
    public boolean ok() {
        return envelope.path("ok").asBoolean(false);
    }
}
