package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;
import java.io.IOException;

/** {@code coding_agent_delete_file}: removes one file. */
final class DeleteFileTool implements Tool {
    private static final ToolSpec SPEC = ToolSpec.builder("coding_agent_delete_file", "Delete a file.")
            .required("path", "string", "File path relative to the workspace root")
            .build();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ObjectNode run(ToolArgs args, Sandbox sandbox) throws ToolFailure {
        if (!sandbox.isFile(args.string("path"), "path")) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "File not found: " + args.string("path"));
        }
        try {
            sandbox.delete(args.string("path"), "path");
        } catch (IOException e) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Delete failed: " + e.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("path", args.string("path"));
        return out;
    }
}
