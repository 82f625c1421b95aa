package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/** {@code coding_agent_list_files}: the workspace's files, optionally filtered by a glob. */
final class ListFilesTool implements Tool {
    private static final ToolSpec SPEC = ToolSpec.builder("coding_agent_list_files",
                    "List the files of the app workspace (paths relative to its root).")
            .optional("limit", "integer", "Maximum number of paths to return (1-2000, default 500).")
            .optional("glob", "string", "Only paths matching this glob, e.g. src/**/*.tsx")
            .build();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ObjectNode run(ToolArgs args, Sandbox sandbox) throws ToolFailure {
        int limit = args.integer("limit", 500, 1, 2000);
        PathMatcher matcher = null;
        if (args.has("glob") && !args.string("glob").isBlank()) {
            try {
                matcher = FileSystems.getDefault().getPathMatcher("glob:" + args.string("glob"));
            } catch (IllegalArgumentException e) {
                throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Invalid glob: " + e.getMessage());
            }
        }
        List<String> all;
        try {
            all = sandbox.files();
        } catch (IOException e) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Cannot list files: " + e.getMessage());
        }
        ObjectNode out = Json.object();
        ArrayNode files = out.putArray("files");
        int matched = 0;
        for (String path : all) {
            if (matcher != null && !matcher.matches(Path.of(path))) {
                continue;
            }
            matched++;
            if (files.size() < limit) {
                files.add(path);
            }
        }
        out.put("count", files.size());
        out.put("truncated", matched > files.size());
        return out;
    }
}
