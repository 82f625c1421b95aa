package dev.builderdesk.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.engine.ToolDiagnostics;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.workspace.Hashing;
import dev.builderdesk.workspace.WorkspaceRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coding_agent_apply_patch}: both formats, atomicity, hash preconditions, refresh windows. */
class ApplyPatchTest {
    @TempDir
    Path root;
    Sandbox sandbox;
    final ToolPipeline tools = CodingTools.pipeline(WorkspaceRules.DEFAULT_EXTENSIONS);
    static final String APP = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i)
            .collect(Collectors.joining("\n", "", "\n"));

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/App.tsx"), APP);
        Files.writeString(root.resolve("src/util.ts"), "export const a = 1;\nexport const b = 2;\n");
        sandbox = new Sandbox(root);
    }

    private ObjectNode patch(String patch, Map<String, Object> more) {
        ObjectNode args = Json.object().put("patch", patch);
        args.setAll((ObjectNode) Json.mapper().valueToTree(more));
        return tools.execute("coding_agent_apply_patch", Json.write(args), sandbox).envelope();
    }

    private String file(String path) throws Exception {
        return Files.readString(root.resolve(path));
    }

    @Test
    void aUnifiedDiffWithTwoHunksAndDriftedLineNumbersApplies() throws Exception {
        String diff = """
                --- a/src/App.tsx
                +++ b/src/App.tsx
                @@ -3,3 +3,4 @@
                 line 3
                +inserted after 3
                 line 4
                 line 5
                @@ -22,3 +23,3 @@
                 line 20
                -line 21
                +line twenty-one
                 line 22
                """;
        ObjectNode out = patch(diff, Map.of());
        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        assertThat(out.get("code").asText()).isEqualTo("PATCH_APPLIED");
        assertThat(file("src/App.tsx")).contains("line 3\ninserted after 3\nline 4")
                .contains("line 20\nline twenty-one\nline 22").doesNotContain("line 21\n");
        assertThat(out.get("applied_files").get(0).get("lines_added").asInt()).isEqualTo(2);
    }

    @Test
    void theBeginPatchFormatAddsUpdatesMovesAndDeletes() throws Exception {
        String p = """
                *** Begin Patch
                *** Add File: src/new.ts
                +export const fresh = true;
                *** Update File: src/util.ts
                *** Move to: src/lib/util.ts
                @@
                 export const a = 1;
                -export const b = 2;
                +export const b = 3;
                *** Delete File: src/App.tsx
                *** End Patch
                """;
        ObjectNode out = patch(p, Map.of());
        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        assertThat(file("src/new.ts")).isEqualTo("export const fresh = true;\n");
        assertThat(file("src/lib/util.ts")).isEqualTo("export const a = 1;\nexport const b = 3;\n");
        assertThat(root.resolve("src/util.ts")).doesNotExist();
        assertThat(root.resolve("src/App.tsx")).doesNotExist();
    }

    @Test
    void oneBadHunkInAnAtomicPatchChangesNoFileAndSaysWhatToReRead() throws Exception {
        String diff = """
                --- a/src/util.ts
                +++ b/src/util.ts
                @@ -1,2 +1,2 @@
                 export const a = 1;
                -export const b = 2;
                +export const b = 20;
                --- a/src/App.tsx
                +++ b/src/App.tsx
                @@ -30,3 +30,3 @@
                 line 30
                -line that is not there
                +replacement
                 line 32
                """;
        ObjectNode out = patch(diff, Map.of());
        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("error").asText()).isEqualTo("Patch apply failed");
        assertThat(out.get("code").asText()).isEqualTo("PATCH_HUNK_MISMATCH");
        ObjectNode failure = (ObjectNode) out.get("failures").get(0);
        assertThat(failure.get("path").asText()).isEqualTo("src/App.tsx");
        assertThat(failure.get("hunk_index").asInt()).isEqualTo(0);
        assertThat(failure.get("expected_start_line").asInt()).isEqualTo(30);
        assertThat(failure.get("reason").asText()).isEqualTo("context_mismatch");
        assertThat(failure.get("recommended_refresh").get("start_line").asInt()).isEqualTo(18);
        assertThat(failure.get("recommended_refresh").get("end_line").asInt()).isEqualTo(30 + 3 + 12);
        assertThat(out.get("refresh_windows").get(0).get("content").asText()).startsWith("18: line 18\n");
        assertThat(file("src/util.ts")).as("atomic: the good file is untouched too").contains("b = 2;");
        assertThat(file("src/App.tsx")).isEqualTo(APP);

        Diagnostic d = ToolDiagnostics.from(out);
        assertThat(d.code()).isEqualTo("PATCH_HUNK_MISMATCH");
        assertThat(d.patchFailureCount()).isEqualTo(1);
        assertThat(d.recommendedRefresh()).isEqualTo(new Diagnostic.RefreshWindow("src/App.tsx", 18, 45));
        assertThat(d.patchCode()).isEqualTo("PATCH_HUNK_MISMATCH");
    }

    @Test
    void withoutAtomicTheGoodFilesApplyAndTheResultSaysPartial() throws Exception {
        String diff = """
                --- a/src/util.ts
                +++ b/src/util.ts
                @@ -2 +2 @@
                -export const b = 2;
                +export const b = 20;
                --- a/src/missing.ts
                +++ b/src/missing.ts
                @@ -1 +1 @@
                -x
                +y
                """;
        ObjectNode out = patch(diff, Map.of("atomic", false));
        assertThat(out.get("code").asText()).isEqualTo("PATCH_PARTIAL_APPLY");
        assertThat(out.get("failures").get(0).get("reason").asText()).isEqualTo("file_missing");
        assertThat(file("src/util.ts")).contains("b = 20;");
    }

    @Test
    void aHashPreconditionMismatchIsRefusedAndAMatchingOneApplies() throws Exception {
        String diff = "--- a/src/util.ts\n+++ b/src/util.ts\n@@ -1 +1 @@\n-export const a = 1;\n+export const a = 9;\n";
        ObjectNode stale = patch(diff, Map.of("preconditions", Map.of("expected_hashes",
                Map.of("src/util.ts", "sha256:" + "0".repeat(64)))));
        assertThat(stale.get("code").asText()).isEqualTo("PATCH_PRECONDITION_FAILED");
        assertThat(stale.get("failures").get(0).get("reason").asText()).isEqualTo("precondition_hash_mismatch");
        assertThat(stale.get("failures").get(0).get("recommended_refresh").get("end_line").asInt()).isEqualTo(200);
        assertThat(file("src/util.ts")).contains("a = 1;");
        String actual = Hashing.sha256(Files.readAllBytes(root.resolve("src/util.ts")));
        ObjectNode fresh = patch(diff, Map.of("preconditions", Map.of("expected_hashes",
                Map.of("src/util.ts", actual))));
        assertThat(fresh.get("ok").asBoolean()).isTrue();
        assertThat(file("src/util.ts")).contains("a = 9;");
    }

    @Test
    void unreadablePatchesAndPolicyViolationsAreCoded() throws Exception {
        assertThat(patch("just some words", Map.of()).get("code").asText()).isEqualTo("PATCH_PARSE_FAILED");
        assertThat(patch("*** Begin Patch\n*** Update File: src/util.ts\n", Map.of()).get("code").asText())
                .isEqualTo("PATCH_PARSE_FAILED");
        ObjectNode escape = patch("--- a/../outside.ts\n+++ b/../outside.ts\n@@ -0,0 +1 @@\n+x\n", Map.of());
        assertThat(escape.get("code").asText()).isEqualTo("BUILDER_PATCH_POLICY_VIOLATION");
        assertThat(escape.get("error").asText()).isEqualTo("Path traversal is not allowed");
        ObjectNode blocked = patch("*** Begin Patch\n*** Add File: node_modules/x.js\n+x\n*** End Patch\n", Map.of());
        assertThat(blocked.get("error").asText()).isEqualTo("File path is blocked by policy: node_modules/");
        assertThat(root.resolve("node_modules")).doesNotExist();
        ObjectNode alias = tools.execute("coding_agent_apply_patch", Json.write(Map.of("diff",
                "*** Begin Patch\n*** Add File: a.md\n+hi\n*** End Patch\n")), sandbox).envelope();
        assertThat(alias.get("ok").asBoolean()).isTrue();
        assertThat(new String(Files.readAllBytes(root.resolve("a.md")), StandardCharsets.UTF_8)).isEqualTo("hi\n");
    }
}
