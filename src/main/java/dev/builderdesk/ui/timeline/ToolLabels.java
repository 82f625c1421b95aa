package dev.builderdesk.ui.timeline;

import com.fasterxml.jackson.databind.JsonNode;

/** Human intent labels for tool calls: "Reading src/App.tsx", "Patching 2 files", "Searching 'useState'". */
public final class ToolLabels {
    private ToolLabels() {
    }

    /** Reads that fold into "Explored N files" when they follow each other. */
    static boolean isRead(String tool) {
        return switch (tool) {
            case "coding_agent_read_file", "coding_agent_read_file_range", "read" -> true;
            default -> false;
        };
    }

    public static String label(String tool, JsonNode input) {
        String path = input == null ? "" : firstText(input, "path", "file_path", "filePath", "file", "filename",
                "from_path");
        return switch (tool) {
            case "coding_agent_read_file", "coding_agent_read_file_range", "read" -> "Reading " + orFile(path);
            case "coding_agent_list_files", "glob", "list" -> "Listing files";
            case "coding_agent_search_code", "grep" -> "Searching '" + firstText(input, "query", "pattern") + "'";
            case "coding_agent_write_file", "write" -> "Writing " + orFile(path);
            case "coding_agent_apply_patch", "edit" -> patchLabel(input, path);
            case "coding_agent_rename_file" -> "Renaming " + orFile(path);
            case "coding_agent_delete_file" -> "Deleting " + orFile(path);
            default -> tool;
        };
    }

    private static String patchLabel(JsonNode input, String path) {
        String patch = input == null ? "" : firstText(input, "patch", "diff");
        long files = patch.lines().filter(l -> l.startsWith("+++ ") || l.startsWith("*** Add File:")
                || l.startsWith("*** Update File:") || l.startsWith("*** Delete File:")).count();
        if (files > 1) {
            return "Patching " + files + " files";
        }
        String named = path.isEmpty() ? patch.lines().filter(l -> l.startsWith("+++ ") || l.startsWith("*** "))
                .map(ToolLabels::patchTarget).filter(t -> !t.isEmpty()).findFirst().orElse("") : path;
        return "Patching " + (named.isEmpty() ? "a file" : named);
    }

    /** The file a patch header names: "+++ b/src/App.tsx" or "*** Update File: src/App.tsx". */
    private static String patchTarget(String header) {
        String target = header.startsWith("+++ ") ? header.substring(4).strip()
                : header.contains(":") ? header.substring(header.indexOf(':') + 1).strip() : "";
        target = target.split("\t")[0];
        return target.equals("/dev/null") ? "" : target.startsWith("b/") ? target.substring(2) : target;
    }

    private static String orFile(String path) {
        return path.isEmpty() ? "a file" : path;
    }

    private static String firstText(JsonNode node, String... keys) {
        for (String k : keys) {
            if (node.path(k).isTextual()) {
                return node.get(k).asText();
            }
        }
        return "";
    }
}
