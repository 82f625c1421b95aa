package dev.builderdesk.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.workspace.WorkspaceRules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's first guarantees; the exhaustive validation and policy matrix is step 2's. */
class ToolPipelineTest {
    @TempDir
    Path root;
    Sandbox sandbox;
    final ToolPipeline tools = CodingTools.pipeline(WorkspaceRules.DEFAULT_EXTENSIONS);

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/App.tsx"), "line 1\nline 2\n");
        sandbox = new Sandbox(root);
    }

    private ObjectNode run(String tool, String args) {
        return tools.execute(tool, args, sandbox).envelope();
    }

    @Test
    void readsWritesAndListsThroughTheUniformEnvelope() {
        assertThat(run("coding_agent_read_file", "{\"path\":\"src/App.tsx\"}").get("content").asText())
                .isEqualTo("line 1\nline 2\n");
        ObjectNode written = run("coding_agent_write_file", "{\"path\":\"src/New.tsx\",\"content\":\"x\"}");
        assertThat(written.get("ok").asBoolean()).isTrue();
        assertThat(written.get("created").asBoolean()).isTrue();
        assertThat(run("coding_agent_list_files", "{}").get("files").toString()).contains("src/New.tsx");
    }

    @Test
    void missingFieldsAreAValidationFailureListingWhatWasReceived() {
        ObjectNode out = run("coding_agent_read_file", "{\"pth\":\"src/App.tsx\"}");
        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("code").asText()).isEqualTo("TOOL_INPUT_VALIDATION_FAILED");
        assertThat(out.get("error").asText()).isEqualTo("Missing required fields: path");
        assertThat(out.get("fields").toString()).isEqualTo("[\"path\"]");
        assertThat(out.get("received_keys").toString()).isEqualTo("[\"pth\"]");
    }

    @Test
    void wrappersAndAliasesAreUnderstood() {
        assertThat(run("coding_agent_read_file", "{\"args\":\"{\\\"filePath\\\":\\\"src/App.tsx\\\"}\"}")
                .get("ok").asBoolean()).isTrue();
        assertThat(run("coding_agent_read_file", "{\"input\":{\"file\":\"src/App.tsx\"}}").get("ok").asBoolean())
                .isTrue();
    }

    @Test
    void pathPolicyViolationsNameTheFieldAndTouchNothing() {
        ObjectNode abs = run("coding_agent_write_file", "{\"path\":\"/etc/passwd\",\"content\":\"x\"}");
        assertThat(abs.get("code").asText()).isEqualTo("BUILDER_PATCH_POLICY_VIOLATION");
        assertThat(abs.get("field").asText()).isEqualTo("path");
        assertThat(abs.get("error").asText()).isEqualTo("Absolute paths are not allowed");
        assertThat(run("coding_agent_read_file", "{\"path\":\"../x.ts\"}").get("error").asText())
                .isEqualTo("Path traversal is not allowed");
        assertThat(run("coding_agent_read_file", "{\"path\":\"node_modules/a.js\"}").get("error").asText())
                .isEqualTo("File path is blocked by policy: node_modules/");
        assertThat(run("coding_agent_write_file", "{\"path\":\"run.sh\",\"content\":\"x\"}").get("error").asText())
                .isEqualTo("Unsupported file extension: .sh");
        ObjectNode rename = run("coding_agent_rename_file", "{\"from_path\":\"src/App.tsx\",\"to_path\":\"C:/x.ts\"}");
        assertThat(rename.get("field").asText()).isEqualTo("to_path");
        assertThat(run("coding_agent_nope", "{}").get("code").asText()).isEqualTo("TOOL_NOT_FOUND");
        assertThat(root.resolve("run.sh")).doesNotExist();

        String deep = "a/".repeat(1500) + "x.ts";
        ObjectNode tooDeep = run("coding_agent_write_file", "{\"path\":\"" + deep + "\",\"content\":\"x\"}");
        assertThat(tooDeep.get("code").asText()).isEqualTo("BUILDER_PATCH_POLICY_VIOLATION");
        assertThat(tooDeep.get("field").asText()).isEqualTo("path");
        assertThat(tooDeep.get("error").asText()).startsWith("File path is too deep");
        assertThat(root.resolve("a")).as("no folder of the tree was made").doesNotExist();
        String deepest = "a/".repeat(PathPolicy.MAX_DEPTH - 1) + "x.ts";
        assertThat(run("coding_agent_write_file", "{\"path\":\"" + deepest + "\",\"content\":\"x\"}").get("ok")
                .asBoolean()).as("32 levels are fine").isTrue();
        String longName = ("b".repeat(200) + "/").repeat(6) + "x.ts";
        assertThat(run("coding_agent_write_file", "{\"path\":\"" + longName + "\",\"content\":\"x\"}")
                .get("error").asText()).startsWith("File path is too long");
        assertThat(root.resolve("b".repeat(200))).doesNotExist();
        // 100 letters of 3 bytes each: few characters, but more bytes than a name may have on the disk.
        ObjectNode wide = run("coding_agent_write_file", "{\"path\":\"src/" + "\u8def".repeat(100)
                + ".ts\",\"content\":\"x\"}");
        assertThat(wide.get("code").asText()).isEqualTo("BUILDER_PATCH_POLICY_VIOLATION");
        assertThat(wide.get("error").asText()).isEqualTo("File name is too long (at most 200 bytes)");
        assertThat(run("coding_agent_write_file", "{\"path\":\"src/" + "\u8def".repeat(65)
                + ".ts\",\"content\":\"x\"}").get("ok").asBoolean()).as("198 bytes are fine").isTrue();
    }

    @Test
    void aLinkThatLeadsOutsideIsRefused(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("src/leak.txt"), outside.resolve("secret.txt"));
        ObjectNode out = run("coding_agent_read_file", "{\"path\":\"src/leak.txt\"}");
        assertThat(out.get("error").asText()).isEqualTo("Path escapes the workspace");
        ObjectNode write = run("coding_agent_write_file", "{\"path\":\"src/leak.txt\",\"content\":\"pwned\"}");
        assertThat(write.get("ok").asBoolean()).isFalse();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }
}
