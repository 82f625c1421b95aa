package dev.builderdesk.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.workspace.WorkspaceRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tool × every validation and policy case of CONTRACT.md §6, each asserting the exact code, field(s) and
 * message of the envelope.
 */
class ToolValidationMatrixTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;
    Sandbox sandbox;
    final ToolPipeline tools = CodingTools.pipeline(WorkspaceRules.DEFAULT_EXTENSIONS);

    /** A tool, its required fields, and a valid value for each field. */
    record ToolCase(String name, Map<String, Object> valid) {
    }

    static final List<ToolCase> TOOLS = List.of(
            new ToolCase("coding_agent_read_file", Map.of("path", "src/App.tsx")),
            new ToolCase("coding_agent_read_file_range", Map.of("path", "src/App.tsx")),
            new ToolCase("coding_agent_search_code", Map.of("query", "line")),
            new ToolCase("coding_agent_write_file", ordered("path", "src/New.tsx", "content", "x")),
            new ToolCase("coding_agent_apply_patch", Map.of("patch",
                    "*** Begin Patch\n*** Add File: src/P.tsx\n+x\n*** End Patch\n")),
            new ToolCase("coding_agent_rename_file", ordered("from_path", "src/App.tsx", "to_path", "src/B.tsx")),
            new ToolCase("coding_agent_delete_file", Map.of("path", "src/App.tsx")));

    /** The path fields of each tool that takes paths directly. */
    static final Map<String, List<String>> PATH_FIELDS = Map.of(
            "coding_agent_read_file", List.of("path"),
            "coding_agent_read_file_range", List.of("path"),
            "coding_agent_write_file", List.of("path"),
            "coding_agent_rename_file", List.of("from_path", "to_path"),
            "coding_agent_delete_file", List.of("path"));

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/App.tsx"), "line 1\nline 2\n");
        Files.writeString(outside.resolve("secret.ts"), "secret");
        Files.createSymbolicLink(root.resolve("src/link.ts"), outside.resolve("secret.ts"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        Files.writeString(root.resolve("src/big.ts"), "x".repeat((int) WorkspaceRules.MAX_FILE_BYTES + 1));
        sandbox = new Sandbox(root);
    }

    private ObjectNode call(String tool, Object args) {
        return tools.execute(tool, args instanceof String s ? s : Json.write(args), sandbox).envelope();
    }

    private static void expectValidation(ObjectNode out, String message, List<String> fields) {
        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("code").asText()).isEqualTo("TOOL_INPUT_VALIDATION_FAILED");
        assertThat(out.get("error").asText()).isEqualTo(message);
        List<String> got = new ArrayList<>();
        out.get("fields").forEach(f -> got.add(f.asText()));
        assertThat(got).containsExactlyElementsOf(fields);
        assertThat(out.has("received_keys")).isTrue();
    }

    private static void expectPolicy(ObjectNode out, String message, String field) {
        assertThat(out.get("ok").asBoolean()).as(out.toString()).isFalse();
        assertThat(out.get("code").asText()).as(out.toString()).isEqualTo("BUILDER_PATCH_POLICY_VIOLATION");
        assertThat(out.get("error").asText()).isEqualTo(message);
        assertThat(out.get("field").asText()).isEqualTo(field);
    }

    @TestFactory
    Stream<DynamicTest> missingBlankAndWronglyTypedRequiredFields() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ToolCase t : TOOLS) {
            List<String> required = new ArrayList<>(t.valid().keySet());
            tests.add(DynamicTest.dynamicTest(t.name() + " with {}", () -> expectValidation(call(t.name(), "{}"),
                    "Missing required fields: " + String.join(", ", required.stream().sorted().toList()),
                    required.stream().sorted().toList())));
            for (String field : required) {
                Map<String, Object> blank = new LinkedHashMap<>(t.valid());
                blank.put(field, "   ");
                tests.add(DynamicTest.dynamicTest(t.name() + " blank " + field, () -> expectValidation(
                        call(t.name(), blank), "Missing required fields: " + field, List.of(field))));
                Map<String, Object> missing = new LinkedHashMap<>(t.valid());
                missing.remove(field);
                tests.add(DynamicTest.dynamicTest(t.name() + " without " + field, () -> expectValidation(
                        call(t.name(), missing), "Missing required fields: " + field, List.of(field))));
                Map<String, Object> wrong = new LinkedHashMap<>(t.valid());
                wrong.put(field, 42);
                tests.add(DynamicTest.dynamicTest(t.name() + " number for " + field, () -> expectValidation(
                        call(t.name(), wrong), "Invalid field types: " + field + " (expected string)",
                        List.of(field))));
            }
        }
        tests.add(DynamicTest.dynamicTest("optional field of the wrong type", () -> expectValidation(
                call("coding_agent_list_files", Map.of("limit", "many")), "Invalid field types: limit (expected"
                        + " integer)", List.of("limit"))));
        tests.add(DynamicTest.dynamicTest("unknown tool", () -> {
            ObjectNode out = call("coding_agent_format_disk", "{}");
            assertThat(out.get("code").asText()).isEqualTo("TOOL_NOT_FOUND");
            assertThat(out.get("error").asText()).isEqualTo("Unknown tool: coding_agent_format_disk");
        }));
        tests.add(DynamicTest.dynamicTest("arguments that are not JSON", () -> expectValidation(
                call("coding_agent_read_file", "{path: src/App.tsx"), "Tool arguments are not valid JSON",
                List.of())));
        tests.add(DynamicTest.dynamicTest("arguments that are a JSON array", () -> expectValidation(
                call("coding_agent_read_file", "[1]"), "Tool arguments must be a JSON object", List.of())));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> aliasesAndWrappersReachTheCanonicalFields() {
        List<Object[]> cases = List.of(
                new Object[] {"coding_agent_read_file", Map.of("file_path", "src/App.tsx")},
                new Object[] {"coding_agent_read_file", Map.of("filePath", "src/App.tsx")},
                new Object[] {"coding_agent_read_file", Map.of("filename", "src/App.tsx")},
                new Object[] {"coding_agent_read_file", Map.of("relativePath", "src/App.tsx")},
                new Object[] {"coding_agent_read_file", Map.of("args", Map.of("path", "src/App.tsx"))},
                new Object[] {"coding_agent_read_file", Map.of("input", "{\"file\": \"src/App.tsx\"}")},
                new Object[] {"coding_agent_read_file", Map.of("parameters", Map.of("target_path", "src/App.tsx"))},
                new Object[] {"coding_agent_read_file", Map.of("payload", Map.of("path", "src/App.tsx"))},
                new Object[] {"coding_agent_read_file", Map.of("data", Map.of("path", "src/App.tsx"))},
                new Object[] {"coding_agent_read_file", Map.of("arguments", "{\"path\":\"src/App.tsx\"}")},
                new Object[] {"coding_agent_read_file", Map.of("value", Map.of("path", "src/App.tsx"))},
                new Object[] {"coding_agent_read_file", "\"{\\\"path\\\":\\\"src/App.tsx\\\"}\""},
                new Object[] {"coding_agent_write_file", Map.of("file", "src/W.tsx", "contents", "w")},
                new Object[] {"coding_agent_write_file", Map.of("path", "src/W2.tsx", "code", "w")},
                new Object[] {"coding_agent_write_file", Map.of("path", "src/W3.tsx", "new_content", "w")},
                new Object[] {"coding_agent_rename_file", Map.of("from", "src/App.tsx", "to", "src/R.tsx")},
                new Object[] {"coding_agent_apply_patch", Map.of("unified_diff",
                        "*** Begin Patch\n*** Add File: src/D.tsx\n+d\n*** End Patch\n")},
                new Object[] {"coding_agent_apply_patch", Map.of("input", Map.of("patchText",
                        "*** Begin Patch\n*** Add File: src/E.tsx\n+e\n*** End Patch\n"))});
        return cases.stream().map(c -> DynamicTest.dynamicTest(c[0] + " " + c[1], () -> {
            ObjectNode out = call((String) c[0], c[1]);
            assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> pathPolicyForEveryPathField() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("/etc/passwd.ts", "Absolute paths are not allowed");
        bad.put("\\\\server\\share\\x.ts", "Absolute paths are not allowed");
        bad.put("C:\\Users\\me\\x.ts", "Absolute paths are not allowed");
        bad.put("c:/x.ts", "Absolute paths are not allowed");
        bad.put("src/../../x.ts", "Path traversal is not allowed");
        bad.put("..\\x.ts", "Path traversal is not allowed");
        bad.put("./.", "File path is required");
        for (String dir : WorkspaceRules.BLOCKED_DIRECTORIES) {
            bad.put(dir + "/x.js", "File path is blocked by policy: " + dir + "/");
        }
        bad.put("scripts/run.sh", "Unsupported file extension: .sh");
        bad.put("Makefile", "Unsupported file extension: (none)");
        bad.put("src/link.ts", "Path escapes the workspace");
        bad.put("linkdir/secret.ts", "Path escapes the workspace");
        for (var toolFields : PATH_FIELDS.entrySet()) {
            String tool = toolFields.getKey();
            ToolCase base = TOOLS.stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow();
            for (String field : toolFields.getValue()) {
                for (var b : bad.entrySet()) {
                    Map<String, Object> args = new LinkedHashMap<>(base.valid());
                    args.put(field, b.getKey());
                    tests.add(DynamicTest.dynamicTest(tool + " " + field + "=" + b.getKey(), () -> {
                        expectPolicy(call(tool, args), b.getValue(), field);
                        assertThat(Files.readString(outside.resolve("secret.ts"))).isEqualTo("secret");
                    }));
                }
            }
        }
        tests.add(DynamicTest.dynamicTest("reading a file over the size limit", () ->
                expectPolicy(call("coding_agent_read_file", Map.of("path", "src/big.ts")), "File is too large",
                        "path")));
        tests.add(DynamicTest.dynamicTest("writing a file over the size limit", () ->
                expectPolicy(call("coding_agent_write_file", Map.of("path", "src/huge.ts", "content",
                        "y".repeat((int) WorkspaceRules.MAX_FILE_BYTES + 1))), "File is too large", "path")));
        tests.add(DynamicTest.dynamicTest("a lock file may be larger", () -> assertThat(call(
                "coding_agent_write_file", Map.of("path", "yarn.lock", "content", "z".repeat(300_000)))
                .get("ok").asBoolean()).isTrue()));
        return tests.stream();
    }
}
