package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.FileDiff;
import dev.builderdesk.workspace.Hashing;
import dev.builderdesk.workspace.RevisionDiffs;
import java.nio.charset.StandardCharsets;

/** {@code coding_agent_write_file}: creates or replaces a whole file. */
final class WriteFileTool implements Tool {
    private static final int MAX_DIFF_CHARS = 200_000;
    private static final ToolSpec SPEC = ToolSpec.builder("coding_agent_write_file",
                    "Create or overwrite a file with the given content.")
            .required("path", "string", "File path relative to the workspace root")
            .required("content", "string", "The complete new content of the file")
            .build();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ObjectNode run(ToolArgs args, Sandbox sandbox) throws ToolFailure {
        String path = args.string("path");
        byte[] bytes = args.string("content").getBytes(StandardCharsets.UTF_8);
        boolean existed = sandbox.exists(path, "path");
        byte[] before = existed ? sandbox.read(path, "path") : null;
        sandbox.write(path, "path", bytes);
        ObjectNode out = Json.object();
        out.put("path", path);
        out.put("created", !existed);
        out.put("size", bytes.length);
        out.put("sha256", Hashing.sha256(bytes));
        // What the write changed, so a reader (the timeline's card) sees a replaced file's removed lines too.
        FileDiff change = RevisionDiffs.ofFile(path, before, bytes);
        out.put("lines_added", change.linesAdded());
        out.put("lines_removed", change.linesRemoved());
        if (change.unifiedDiff().length() <= MAX_DIFF_CHARS) {
            out.put("unified_diff", change.unifiedDiff());
        }
        return out;
    }
}
