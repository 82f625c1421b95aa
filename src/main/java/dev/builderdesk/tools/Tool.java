package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One {@code coding_agent_*} function. Its arguments arrive validated and path-checked by {@link ToolPipeline}. */
public interface Tool {
    ToolSpec spec();

    /** Runs the tool and returns its success fields (the pipeline adds {@code ok:true}). */
    ObjectNode run(ToolArgs args, Sandbox sandbox) throws ToolFailure;
}
