package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;
import java.io.IOException;

/** {@code coding_agent_rename_file}: moves a file within the workspace; never overwrites. */
final class RenameFileTool implements Tool {
    private static final ToolSpec SPEC = ToolSpec.builder("coding_agent_rename_file", "Rename or move a file.")
            .required("from_path", "string", "Current path")
            .required("to_path", "string", "New path")
            .build();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ObjectNode run(ToolArgs args, Sandbox sandbox) throws ToolFailure {
        if (!sandbox.isFile(args.string("from_path"), "from_path")) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "File not found: " + args.string("from_path"));
        }
        if (sandbox.exists(args.string("to_path"), "to_path")) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Target exists: " + args.string("to_path"));
        }
        try {
            sandbox.move(args.string("from_path"), "from_path", args.string("to_path"), "to_path");
        } catch (IOException e) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Rename failed: " + e.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("from_path", args.string("from_path"));
        out.put("to_path", args.string("to_path"));
        return out;
    }
}
