package dev.builderdesk.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.workspace.FolderScanner;
import dev.builderdesk.workspace.WorkspaceRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a model sends, the pipeline answers with a coded envelope, never throws, and never touches anything
 * outside the sandbox: a canary tree beside it (reachable through a symbolic link inside it) stays byte-identical.
 */
class ToolPipelineProperties {
    private static final Set<String> CODES = Set.of("TOOL_INPUT_VALIDATION_FAILED", "TOOL_NOT_FOUND",
            "BUILDER_PATCH_POLICY_VIOLATION", "TOOL_EXECUTION_FAILED", "PATCH_PARSE_FAILED", "PATCH_HUNK_MISMATCH",
            "PATCH_PRECONDITION_FAILED", "PATCH_PARTIAL_APPLY", "PATCH_BINARY_NOT_SUPPORTED");
    private static final List<String> TOOLS = List.of("coding_agent_list_files", "coding_agent_read_file",
            "coding_agent_read_file_range", "coding_agent_search_code", "coding_agent_write_file",
            "coding_agent_apply_patch", "coding_agent_rename_file", "coding_agent_delete_file", "coding_agent_nope");
    private static final List<String> KEYS = List.of("path", "file_path", "filePath", "from_path", "to_path", "from",
            "to", "content", "contents", "patch", "diff", "query", "limit", "glob", "start_line", "end_line",
            "with_line_numbers", "regex", "max_results", "atomic", "strip", "preconditions", "expected_hashes",
            "args", "input", "parameters", "payload", "data", "arguments", "value");

    static Path work;
    static Path canary;
    static String canaryHash;
    static Sandbox sandbox;
    static int calls;
    static final ToolPipeline PIPELINE = CodingTools.pipeline(WorkspaceRules.DEFAULT_EXTENSIONS);

    @BeforeContainer
    static void tree() throws IOException {
        work = Files.createTempDirectory("bd-props");
        canary = Files.createDirectories(work.resolve("canary"));
        Files.writeString(canary.resolve("keep.ts"), "canary file\n");
        Files.createDirectories(canary.resolve("deep/er"));
        Files.writeString(canary.resolve("deep/er/also.json"), "{\"canary\": true}\n");
        Path root = Files.createDirectories(work.resolve("sandbox"));
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/App.tsx"), "export const a = 1;\n");
        Files.createSymbolicLink(root.resolve("escape"), canary);
        Files.createSymbolicLink(root.resolve("src/escape.ts"), canary.resolve("keep.ts"));
        sandbox = new Sandbox(root);
        canaryHash = FolderScanner.scan(canary).treeHash();
    }

    /** Random writes pile up files; starting over now and then keeps every try as cheap as the first. */
    private static void resetSandbox() throws IOException {
        Path root = sandbox.root();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(root)) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/App.tsx"), "export const a = 1;\n");
        Files.createSymbolicLink(root.resolve("escape"), canary);
        Files.createSymbolicLink(root.resolve("src/escape.ts"), canary.resolve("keep.ts"));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var walk = Files.walk(work)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 10_000)
    void everyPayloadGetsACodedEnvelopeAndNothingOutsideChanges(@ForAll("tools") String tool,
            @ForAll("payloads") String payload) throws IOException {
        if (++calls % 500 == 0) {
            resetSandbox();
        }
        ToolOutput out = PIPELINE.execute(tool, payload, sandbox);
        JsonNode env = out.envelope();
        assertThat(env.has("ok")).isTrue();
        if (!env.get("ok").asBoolean()) {
            assertThat(env.path("code").asText()).isIn(CODES);
            assertThat(env.path("error").asText()).isNotBlank();
        }
        try {
            assertThat(FolderScanner.scan(canary).treeHash()).isEqualTo(canaryHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> tools() {
        return Arbitraries.of(TOOLS);
    }

    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<String> object = objects(2).map(Json::write);
        Arbitrary<String> raw = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> jsonString = objects(1).map(o -> Json.write(Json.write(o)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, object), net.jqwik.api.Tuple.of(1, raw),
                net.jqwik.api.Tuple.of(1, jsonString));
    }

    private Arbitrary<ObjectNode> objects(int depth) {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<JsonNode> value = depth <= 0 ? leaves() : Arbitraries.oneOf(leaves(), leaves(), leaves(),
                objects(depth - 1).map(o -> (JsonNode) o), objects(depth - 1).map(o -> (JsonNode) JsonNodeFactory
                        .instance.textNode(Json.write(o))), leaves().list().ofMaxSize(3).map(items -> {
                            ArrayNode a = JsonNodeFactory.instance.arrayNode();
                            items.forEach(a::add);
                            return (JsonNode) a;
                        }));
        return Combinators.combine(key, value).as((k, v) -> new Object[] {k, v}).list().ofMaxSize(5).map(pairs -> {
            ObjectNode o = Json.object();
            for (Object[] p : pairs) {
                o.set((String) p[0], (JsonNode) p[1]);
            }
            return o;
        });
    }

    private Arbitrary<JsonNode> leaves() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                paths().map(p -> (JsonNode) f.textNode(p)),
                Arbitraries.strings().ofMaxLength(40).map(s -> (JsonNode) f.textNode(s)),
                Arbitraries.integers().between(-5, 5000).map(i -> (JsonNode) f.numberNode(i)),
                Arbitraries.of(true, false).map(b -> (JsonNode) f.booleanNode(b)),
                Arbitraries.just((JsonNode) f.nullNode()),
                patches().map(p -> (JsonNode) f.textNode(p)));
    }

    /** Path strings built from the pieces that break naive sandboxes. */
    private Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("..", ".", "", "src", "escape", "node_modules", ".git", "App.tsx", "escape.ts",
                        "keep.ts", "C:", "\\", "..\\..", "%2e%2e", "\u0000", "é.ts", "日本.tsx", "x.json", "deep"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(8),
                Arbitraries.just("a".repeat(10_000)));
        return segment.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(
                parts.size() % 2 == 0 ? "/" : "\\", parts)).map(p -> p.length() % 3 == 0 ? "/" + p : p);
    }

    private Arbitrary<String> patches() {
        return paths().map(p -> "--- a/" + p + "\n+++ b/" + p + "\n@@ -1 +1 @@\n-export const a = 1;\n+x\n")
                .injectDuplicates(0.1);
    }
}
