package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.workspace.RevisionDiffs;

/** {@code coding_agent_read_file_range}: lines {@code start_line..end_line} of a text file. */
final class ReadFileRangeTool implements Tool {
    private static final ToolSpec SPEC = ToolSpec.builder("coding_agent_read_file_range",
                    "Read a range of lines of a file.")
            .required("path", "string", "File path relative to the workspace root")
            .optional("start_line", "integer", "First line (1-based, default 1)")
            .optional("end_line", "integer", "Last line (inclusive, default start_line + 199)")
            .optional("with_line_numbers", "boolean", "Prefix each line with its number")
            .build();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ObjectNode run(ToolArgs args, Sandbox sandbox) throws ToolFailure {
        String path = args.string("path");
        String text = RevisionDiffs.text(sandbox.read(path, "path")).orElseThrow(() ->
                new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "File is not text: " + path));
        String[] lines = text.split("\n", -1);
        int total = text.endsWith("\n") ? lines.length - 1 : lines.length;
        int start = args.integer("start_line", 1, 1, Integer.MAX_VALUE);
        int end = Math.min(total, args.integer("end_line", start + 199, start, Integer.MAX_VALUE));
        boolean numbered = args.bool("with_line_numbers", false);
        StringBuilder content = new StringBuilder();
        for (int i = start; i <= end; i++) {
            if (numbered) {
                content.append(i).append(": ");
            }
            content.append(lines[i - 1]).append('\n');
        }
        ObjectNode out = Json.object();
        out.put("path", path);
        out.put("start_line", start);
        out.put("end_line", Math.max(end, start - 1));
        out.put("total_lines", total);
        out.put("content", content.toString());
        return out;
    }
}
