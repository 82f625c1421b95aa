package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.workspace.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** {@code coding_agent_write_file}: creates or replaces a whole file. */
final class WriteFileTool implements Tool {
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
        boolean existed = Files.exists(sandbox.resolve(path, "path"));
        sandbox.write(path, "path", bytes);
        ObjectNode out = Json.object();
        out.put("path", path);
        out.put("created", !existed);
        out.put("size", bytes.length);
        out.put("sha256", Hashing.sha256(bytes));
        return out;
    }
}
