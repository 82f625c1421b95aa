package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.workspace.RevisionDiffs;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code coding_agent_search_code}: lines containing a text (or matching a regex) across text files. */
final class SearchCodeTool implements Tool {
    private static final int MAX_LINE = 300;
    private static final ToolSpec SPEC = ToolSpec.builder("coding_agent_search_code",
                    "Search the workspace's text files for a string or regular expression.")
            .required("query", "string", "Text to find")
            .optional("max_results", "integer", "Maximum matches (1-200, default 30)")
            .optional("regex", "boolean", "Treat query as a Java regular expression")
            .build();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ObjectNode run(ToolArgs args, Sandbox sandbox) throws ToolFailure {
        String query = args.string("query");
        int max = args.integer("max_results", 30, 1, 200);
        Pattern pattern;
        try {
            pattern = args.bool("regex", false) ? Pattern.compile(query) : Pattern.compile(Pattern.quote(query));
        } catch (PatternSyntaxException e) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Invalid regex: " + e.getDescription());
        }
        ObjectNode out = Json.object();
        out.put("query", query);
        ArrayNode matches = out.putArray("matches");
        boolean truncated = false;
        try {
            List<String> files = sandbox.files();
            for (String path : files) {
                Optional<String> text;
                try {
                    text = RevisionDiffs.text(sandbox.read(path, "path"));
                } catch (ToolFailure tooLargeOrGone) {
                    continue;
                }
                if (text.isEmpty()) {
                    continue;
                }
                String[] lines = text.get().split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (pattern.matcher(lines[i]).find()) {
                        if (matches.size() == max) {
                            truncated = true;
                            break;
                        }
                        String line = lines[i].length() > MAX_LINE ? lines[i].substring(0, MAX_LINE) : lines[i];
                        matches.addObject().put("path", path).put("line", i + 1).put("text", line);
                    }
                }
                if (truncated) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Search failed: " + e.getMessage());
        }
        out.put("count", matches.size());
        out.put("truncated", truncated);
        return out;
    }
}
