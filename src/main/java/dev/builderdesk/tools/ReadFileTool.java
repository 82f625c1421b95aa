package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.workspace.Hashing;
import dev.builderdesk.workspace.RevisionDiffs;

/** {@code coding_agent_read_file}: a whole text file with its hash (for patch preconditions). */
final class ReadFileTool implements Tool {
    private static final ToolSpec SPEC = ToolSpec.builder("coding_agent_read_file",
                    "Read a whole file of the app workspace.")
            .required("path", "string", "File path relative to the workspace root, e.g. src/App.tsx")
            .build();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ObjectNode run(ToolArgs args, Sandbox sandbox) throws ToolFailure {
        String path = args.string("path");
        byte[] bytes = sandbox.read(path, "path");
        String text = RevisionDiffs.text(bytes).orElseThrow(() ->
                new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "File is not text: " + path));
        ObjectNode out = Json.object();
        out.put("path", path);
        out.put("content", text);
        out.put("sha256", Hashing.sha256(bytes));
        out.put("size", bytes.length);
        out.put("line_count", text.isEmpty() ? 0 : text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0));
        return out;
    }
}
