package dev.builderdesk.tools;

import java.util.List;
import java.util.Set;

/** The native engine's tool set. */
public final class CodingTools {
    private CodingTools() {
    }

    /** The pipeline with every implemented tool and the given extension allowlist. */
    public static ToolPipeline pipeline(Set<String> allowedExtensions) {
        PathPolicy policy = new PathPolicy(allowedExtensions);
        return new ToolPipeline(List.of(new ListFilesTool(), new ReadFileTool(), new ReadFileRangeTool(),
                new SearchCodeTool(), new WriteFileTool(), new ApplyPatchTool(policy), new RenameFileTool(),
                new DeleteFileTool()), policy);
    }
}
