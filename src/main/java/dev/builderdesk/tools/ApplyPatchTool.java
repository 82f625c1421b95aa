package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.tools.patch.FilePatch;
import dev.builderdesk.tools.patch.PatchApplier;
import dev.builderdesk.tools.patch.PatchParseException;
import dev.builderdesk.tools.patch.PatchParser;
import dev.builderdesk.workspace.Hashing;
import dev.builderdesk.workspace.RevisionDiffs;
import dev.builderdesk.workspace.WorkspaceRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code coding_agent_apply_patch}: applies a unified diff or a {@code *** Begin Patch} patch. By default atomic:
 * every file's new content is computed first, and nothing is written unless all of it applies. Hash preconditions
 * are checked before anything else. Failures name each hunk that did not apply and the lines to read again.
 */
final class ApplyPatchTool implements Tool {
    static final String PATCH_APPLIED = "PATCH_APPLIED";
    static final String HUNK_MISMATCH = "PATCH_HUNK_MISMATCH";
    static final String PRECONDITION_FAILED = "PATCH_PRECONDITION_FAILED";
    static final String PARTIAL_APPLY = "PATCH_PARTIAL_APPLY";
    private static final int MAX_REFRESH_WINDOWS = 4;

    private static final ToolSpec SPEC = ToolSpec.builder("coding_agent_apply_patch",
                    "Edit files with a patch: a unified diff (--- a/path, +++ b/path, @@ hunks) or the *** Begin Patch"
                            + " format (*** Add File / *** Update File / *** Delete File). Read the file first.")
            .required("patch", "string", "The patch text")
            .optional("atomic", "boolean", "All files or none (default true)")
            .optional("strip", "integer", "Leading path components to strip from unified-diff paths (0-3)")
            .optional("preconditions", "object", "{\"expected_hashes\": {\"path\": \"sha256 from read_file\"}}")
            .build();

    private final PathPolicy policy;

    ApplyPatchTool(PathPolicy policy) {
        this.policy = policy;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    /** The computed outcome for one file before anything is written. */
    private record Planned(String path, String newPath, String action, byte[] content, int added, int removed) {
    }

    @Override
    public ObjectNode run(ToolArgs args, Sandbox sandbox) throws ToolFailure {
        List<FilePatch> files;
        try {
            files = PatchParser.parse(args.string("patch"), args.has("strip") ? args.integer("strip", 1, 0, 3) : -1);
        } catch (PatchParseException e) {
            throw failure(e.code(), e.getMessage(), List.of(), sandbox);
        }
        for (FilePatch f : files) {
            String checked = policy.check(f.path(), "path");
            if (!checked.equals(f.path())) {
                throw ToolFailure.policy("Patch paths must be normalised relative paths: " + f.path(), "path");
            }
            if (f.newPath() != null) {
                policy.check(f.newPath(), "path");
            }
        }
        checkPreconditions(args, sandbox);

        List<Planned> planned = new ArrayList<>();
        List<ObjectNode> failures = new ArrayList<>();
        for (FilePatch f : files) {
            plan(f, sandbox, planned, failures);
        }
        boolean atomic = args.bool("atomic", true);
        if (!failures.isEmpty() && atomic) {
            throw failure(HUNK_MISMATCH, failures.size() + " hunk(s) did not apply; no file was changed", failures,
                    sandbox);
        }
        for (Planned p : planned) {
            if (p.content() != null && p.content().length > WorkspaceRules.maxBytes(target(p))) {
                throw ToolFailure.policy("File is too large", "path");
            }
        }
        ArrayNode applied = Json.mapper().createArrayNode();
        for (Planned p : planned) {
            write(p, sandbox);
            applied.addObject().put("path", target(p)).put("action", p.action()).put("lines_added", p.added())
                    .put("lines_removed", p.removed());
        }
        if (!failures.isEmpty()) {
            ToolFailure partial = failure(PARTIAL_APPLY, applied.size() + " file(s) applied, " + failures.size()
                    + " hunk(s) did not", failures, sandbox);
            partial.extra().set("applied_files", applied);
            throw partial;
        }
        ObjectNode out = Json.object();
        out.put("code", PATCH_APPLIED);
        out.put("summary", "Applied " + planned.size() + " file(s): " + String.join(", ",
                planned.stream().map(p -> p.action() + " " + target(p)).toList()));
        out.set("applied_files", applied);
        out.putArray("failures");
        return out;
    }

    private void plan(FilePatch f, Sandbox sandbox, List<Planned> planned, List<ObjectNode> failures)
            throws ToolFailure {
        boolean exists = sandbox.isFile(f.path(), "path");
        switch (f.op()) {
            case ADD -> {
                if (exists) {
                    failures.add(fileFailure(f.path(), "target_exists"));
                    return;
                }
                List<String> lines = f.hunks().isEmpty() ? List.of() : f.hunks().get(0).newLines();
                String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
                planned.add(new Planned(f.path(), null, "added", text.getBytes(StandardCharsets.UTF_8),
                        lines.size(), 0));
            }
            case DELETE -> {
                if (!exists) {
                    failures.add(fileFailure(f.path(), "file_missing"));
                    return;
                }
                int lines = textOf(sandbox, f.path()).split("\n", -1).length;
                planned.add(new Planned(f.path(), null, "deleted", null, 0, lines));
            }
            case UPDATE -> {
                if (!exists) {
                    failures.add(fileFailure(f.path(), "file_missing"));
                    return;
                }
                if (f.newPath() != null && sandbox.exists(f.newPath(), "path")) {
                    failures.add(fileFailure(f.newPath(), "target_exists"));
                    return;
                }
                PatchApplier.Result result = PatchApplier.apply(textOf(sandbox, f.path()), f.hunks());
                if (!result.ok()) {
                    for (PatchApplier.HunkFailure h : result.failures()) {
                        ObjectNode item = failures(f.path(), h.hunkIndex(), h.expectedStartLine(), h.reason());
                        item.putObject("recommended_refresh").put("start_line", h.refreshStart())
                                .put("end_line", h.refreshEnd());
                        failures.add(item);
                    }
                    return;
                }
                planned.add(new Planned(f.path(), f.newPath(), f.newPath() == null ? "modified" : "moved",
                        result.text().getBytes(StandardCharsets.UTF_8), result.linesAdded(), result.linesRemoved()));
            }
        }
    }

    private static void write(Planned p, Sandbox sandbox) throws ToolFailure {
        try {
            if (p.content() == null) {
                sandbox.delete(p.path(), "path");
                return;
            }
            sandbox.write(target(p), "path", p.content());
            if (p.newPath() != null) {
                sandbox.delete(p.path(), "path");
            }
        } catch (IOException e) {
            throw new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "Cannot write " + target(p) + ": " + e);
        }
    }

    private static String target(Planned p) {
        return p.newPath() != null ? p.newPath() : p.path();
    }

    private static void checkPreconditions(ToolArgs args, Sandbox sandbox) throws ToolFailure {
        JsonNode expected = args.node("preconditions").path("expected_hashes");
        if (!expected.isObject()) {
            return;
        }
        List<ObjectNode> failures = new ArrayList<>();
        Map<String, String> wanted = new LinkedHashMap<>();
        expected.fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText("")));
        for (var e : wanted.entrySet()) {
            String hash = e.getValue().toLowerCase(Locale.ROOT).replaceFirst("^sha256:", "");
            boolean isFile = sandbox.isFile(e.getKey(), "path");
            String actual;
            try {
                actual = isFile ? Hashing.sha256(sandbox.read(e.getKey(), "path")) : "";
            } catch (ToolFailure unreadable) {
                actual = "";
            }
            if (hash.length() < 8 || !actual.startsWith(hash)) {
                ObjectNode item = failures(e.getKey(), -1, 1, "precondition_hash_mismatch");
                item.putObject("recommended_refresh").put("start_line", 1).put("end_line", 200);
                item.put("actual_sha256", actual);
                failures.add(item);
            }
        }
        if (!failures.isEmpty()) {
            throw failure(PRECONDITION_FAILED, "A file changed since it was read; read it again before patching",
                    failures, sandbox);
        }
    }

    private static ObjectNode fileFailure(String path, String reason) {
        ObjectNode item = failures(path, 0, 1, reason);
        item.putObject("recommended_refresh").put("start_line", 1).put("end_line", 120);
        return item;
    }

    private static ObjectNode failures(String path, int hunk, int line, String reason) {
        ObjectNode item = Json.object();
        item.put("path", path);
        item.put("hunk_index", hunk);
        item.put("expected_start_line", line);
        item.put("reason", reason);
        return item;
    }

    /** The coded failure envelope, with the first windows of lines to read again, numbered. */
    private static ToolFailure failure(String code, String summary, List<ObjectNode> failures, Sandbox sandbox) {
        ObjectNode extra = Json.object();
        extra.putArray("failures").addAll(failures);
        extra.putObject("result").put("code", code).put("summary", summary);
        ArrayNode windows = extra.putArray("refresh_windows");
        for (ObjectNode f : failures.subList(0, Math.min(MAX_REFRESH_WINDOWS, failures.size()))) {
            JsonNode range = f.path("recommended_refresh");
            String path = f.path("path").asText();
            try {
                if (!range.isObject() || !sandbox.isFile(path, "path")) {
                    continue;
                }
                String[] lines = RevisionDiffs.text(sandbox.read(path, "path")).orElse("").split("\n", -1);
                int start = range.path("start_line").asInt(1);
                int end = Math.min(lines.length, range.path("end_line").asInt(start));
                StringBuilder numbered = new StringBuilder();
                for (int i = start; i <= end; i++) {
                    numbered.append(i).append(": ").append(lines[i - 1]).append('\n');
                }
                windows.addObject().put("path", path).put("start_line", start).put("end_line", end)
                        .put("content", numbered.toString());
            } catch (ToolFailure e) {
                // A window is a courtesy; the failure itself stands without it.
            }
        }
        return new ToolFailure(code, "Patch apply failed", extra);
    }

    private static String textOf(Sandbox sandbox, String path) throws ToolFailure {
        return RevisionDiffs.text(sandbox.read(path, "path")).orElseThrow(() ->
                new ToolFailure(ErrorCodes.TOOL_EXECUTION_FAILED, "File is not text: " + path));
    }
}
