package dev.builderdesk.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.workspace.FileSet;
import dev.builderdesk.workspace.Sandboxes;
import dev.builderdesk.workspace.WorkspaceRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A prepared sandbox (its folder holds only what the run wrote, reading through to the base) behaves exactly as a
 * complete one: the same random sequence of tool calls on both answers the same way call by call, and leaves the
 * same files after every call, after a resume (the overlay read back from disk) and once it is completed.
 */
class PreparedSandboxProperties {
    private static final List<String> PATHS = List.of("src/App.tsx", "src/main.tsx", "src/lib/util.ts",
            "src/lib/more/deep.ts", "index.html", "package.json", "src/New.tsx", "src/lib/util.ts/inner.ts",
            "src/lib", "src", "src/lib/more", "src/App.tsx/x.ts", "other/file.css", "src/widget.ts",
            "src/widget.ts/index.ts", "src/widget.ts/other.ts");
    private static final ToolPipeline PIPELINE = CodingTools.pipeline(WorkspaceRules.DEFAULT_EXTENSIONS);

    static Path work;
    static FileSet base;

    @BeforeContainer
    static void base() throws IOException {
        work = Files.createTempDirectory("bd-prepared");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("src/App.tsx", "export const a = 1;\nexport const b = 2;\n".getBytes(StandardCharsets.UTF_8));
        files.put("src/main.tsx", "import { a } from './App';\nconsole.log(a);\n".getBytes(StandardCharsets.UTF_8));
        files.put("src/lib/util.ts", "export function util() {\n  return 1;\n}\n".getBytes(StandardCharsets.UTF_8));
        files.put("src/lib/more/deep.ts", "export const deep = true;\n".getBytes(StandardCharsets.UTF_8));
        files.put("index.html", "<div id=\"root\"></div>\n".getBytes(StandardCharsets.UTF_8));
        files.put("package.json", "{\"name\": \"app\"}\n".getBytes(StandardCharsets.UTF_8));
        // A folder whose name has an extension, so the path policy lets tools write over it, rename onto it...
        files.put("src/widget.ts/index.ts", "export const widget = 1;\n".getBytes(StandardCharsets.UTF_8));
        base = FileSet.of(files);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        Sandboxes.deleteTree(work);
    }

    @Property(tries = 300)
    void aPreparedSandboxAnswersAndEndsAsACompleteOne(@ForAll("calls") List<Call> calls) throws IOException {
        Sandboxes sandboxes = new Sandboxes(work.resolve(UUID.randomUUID().toString()));
        Sandbox complete = new Sandbox(sandboxes.materialise("complete", base));
        Sandbox prepared = reopened(sandboxes);
        assertThat(Files.list(sandboxes.pathOf("prepared")).count()).as("preparing writes no file").isZero();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            JsonNode expected = comparable(PIPELINE.execute(call.tool(), call.args(), complete).envelope());
            JsonNode actual = comparable(PIPELINE.execute(call.tool(), call.args(), prepared).envelope());
            assertThat(actual).as("call %d: %s %s", i, call.tool(), call.args()).isEqualTo(expected);
            assertThat(sandboxes.snapshot("prepared", base).contents())
                    .as("files after call %d", i).containsExactlyEntriesOf(
                            sandboxes.snapshot("complete", base).contents());
            if (i % 3 == 2) {
                prepared = reopened(sandboxes);
            }
        }
        FileSet before = sandboxes.snapshot("prepared", base);
        sandboxes.complete("prepared", base);
        assertThat(sandboxes.overlay("prepared", base)).isEmpty();
        assertThat(sandboxes.snapshot("prepared", base).treeHash()).isEqualTo(before.treeHash());
        assertThat(sandboxes.snapshot("prepared", base).treeHash())
                .isEqualTo(sandboxes.snapshot("complete", base).treeHash());
        sandboxes.delete("prepared");
        sandboxes.delete("complete");
        assertThat(Files.list(sandboxes.pathOf("complete").getParent()).count()).as("nothing left").isZero();
    }

    @Property(tries = 1)
    void aPreparedSandboxThatLostItsOverlayIsRefusedNotReadAsAnEmptyApp() throws IOException {
        Sandboxes sandboxes = new Sandboxes(work.resolve(UUID.randomUUID().toString()));
        sandboxes.prepare("lost", base);
        Files.delete(sandboxes.pathOf("lost").resolveSibling("lost.overlay"));
        org.assertj.core.api.Assertions.assertThatIOException().isThrownBy(() -> sandboxes.snapshot("lost", base))
                .withMessageContaining("lost its overlay");
        sandboxes.delete("lost");
        assertThat(sandboxes.exists("lost")).isFalse();
    }

    /** The prepared sandbox as a resumed run opens it: its overlay read back from disk. */
    private static Sandbox reopened(Sandboxes sandboxes) throws IOException {
        Path folder = sandboxes.prepare("prepared", base);
        return new Sandbox(folder, sandboxes.overlay("prepared", base).orElseThrow());
    }

    /**
     * What must match: whether the call succeeded, its code, and a success's whole answer. A failure's message may
     * name the file system's own words in a complete folder.
     */
    private static JsonNode comparable(ObjectNode envelope) {
        if (envelope.path("ok").asBoolean()) {
            return envelope;
        }
        ObjectNode kept = Json.object();
        kept.set("ok", envelope.get("ok"));
        kept.set("code", envelope.get("code"));
        return kept;
    }

    record Call(String tool, String args) {
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        Arbitrary<String> path = Arbitraries.of(PATHS);
        Arbitrary<String> content = Arbitraries.of("export const a = 1;\nexport const b = 3;\n", "",
                "new file\n", "export function util() {\n  return 2;\n}\n");
        Arbitrary<Call> write = Combinators.combine(path, content).as((p, c) -> call("coding_agent_write_file",
                Map.of("path", p, "content", c)));
        Arbitrary<Call> read = path.map(p -> call("coding_agent_read_file", Map.of("path", p)));
        Arbitrary<Call> range = path.map(p -> call("coding_agent_read_file_range",
                Map.of("path", p, "start_line", 1, "end_line", 2)));
        Arbitrary<Call> delete = path.map(p -> call("coding_agent_delete_file", Map.of("path", p)));
        Arbitrary<Call> rename = Combinators.combine(path, path).as((a, b) -> call("coding_agent_rename_file",
                Map.of("from_path", a, "to_path", b)));
        Arbitrary<Call> list = Arbitraries.of("", "src/**", "**/*.ts").map(g -> g.isEmpty()
                ? call("coding_agent_list_files", Map.of()) : call("coding_agent_list_files", Map.of("glob", g)));
        Arbitrary<Call> search = Arbitraries.of("export", "util", "nothing-matches").map(q ->
                call("coding_agent_search_code", Map.of("query", q)));
        Arbitrary<Call> patch = path.map(p -> call("coding_agent_apply_patch", Map.of("patch",
                "--- a/" + p + "\n+++ b/" + p + "\n@@ -1,2 +1,2 @@\n export const a = 1;\n-export const b = 2;\n"
                        + "+export const b = 4;\n")));
        Arbitrary<Call> add = path.map(p -> call("coding_agent_apply_patch", Map.of("patch",
                "*** Begin Patch\n*** Add File: " + p + "\n+added\n*** End Patch\n")));
        Arbitrary<Call> remove = path.map(p -> call("coding_agent_apply_patch", Map.of("patch",
                "*** Begin Patch\n*** Delete File: " + p + "\n*** End Patch\n")));
        Arbitrary<Call> move = Combinators.combine(path, path).as((a, b) -> call("coding_agent_apply_patch",
                Map.of("patch", "*** Begin Patch\n*** Update File: " + a + "\n*** Move to: " + b
                        + "\n@@\n export const a = 1;\n*** End Patch\n")));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, write), net.jqwik.api.Tuple.of(2, read),
                net.jqwik.api.Tuple.of(1, range), net.jqwik.api.Tuple.of(3, delete), net.jqwik.api.Tuple.of(3, rename),
                net.jqwik.api.Tuple.of(1, list), net.jqwik.api.Tuple.of(1, search), net.jqwik.api.Tuple.of(2, patch),
                net.jqwik.api.Tuple.of(1, add), net.jqwik.api.Tuple.of(1, remove), net.jqwik.api.Tuple.of(2, move))
                .list().ofMinSize(1).ofMaxSize(14);
    }

    private static Call call(String tool, Map<String, Object> args) {
        return new Call(tool, Json.write(args));
    }
}
