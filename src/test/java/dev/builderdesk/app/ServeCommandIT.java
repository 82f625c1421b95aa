package dev.builderdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ServeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a new user runs it: {@code java -jar target/builder-desk.jar serve} on an empty data folder,
 * then the README's curl walk-through pasted into a shell.
 */
class ServeCommandIT {
    @Test
    void serveOnAnEmptyDataFolderAnswersHealthAndPrintsTheOwnerTokenOnce(@TempDir Path data) throws Exception {
        String token;
        try (ServeProcess s = ServeProcess.start(data)) {
            Api.Resp health = new Api(s.baseUrl(), null).get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("ok");
            token = Files.readString(data.resolve("token")).strip();
            assertThat(String.join("\n", s.output())).contains("Owner token (shown only now").contains(token);
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(data.resolve("token"));
            assertThat(mode).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);
            Api api = new Api(s.baseUrl(), token);
            assertThat(api.get("/models").json().get("models").get(0).get("name").asText())
                    .isEqualTo("Demo (scripted, offline)");
        }
        try (ServeProcess again = ServeProcess.start(data)) {
            assertThat(String.join("\n", again.output())).doesNotContain(token).contains("Owner token: in");
            assertThat(new Api(again.baseUrl(), token).get("/admin/apps").status()).isEqualTo(200);
        }
    }

    /** The shell block between two README markers, adapted to a served instance and run with bash. */
    private static String runReadmeBlock(String marker, ServeProcess s, Path data) throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("builderdesk.readme")));
        String block = readme.substring(readme.indexOf("<!-- " + marker + ":start -->"),
                readme.indexOf("<!-- " + marker + ":end -->"));
        String script = block.substring(block.indexOf("```bash\n") + 8, block.lastIndexOf("```"));
        String adapted = script.replace("http://127.0.0.1:8787", s.baseUrl()).replace("/tmp/bd-demo",
                data.toString()).replace("target/builder-desk.jar", System.getProperty("builderdesk.jar"))
                .replace("java -jar", Path.of(System.getProperty("java.home"), "bin", "java") + " -jar");
        Process bash = new ProcessBuilder("bash", "-eo", "pipefail", "-c", adapted).redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theReadmeWalkThroughsWorkWhenPastedIntoAShell(@TempDir Path data) throws Exception {
        try (ServeProcess s = ServeProcess.start(data)) {
            String output = runReadmeBlock("walkthrough", s, data);
            assertThat(output).contains("\"status\":\"ok\"").contains("Demo (scripted, offline)")
                    .contains("run.accepted").contains("tool.failed coding_agent_apply_patch")
                    .contains("tool.completed coding_agent_apply_patch")
                    .contains("run.completed").contains("NOTES.md").contains("\"checkpoint_id\"");
            String cli = runReadmeBlock("cli", s, data);
            assertThat(cli).contains("Run ").contains("model Auto → Demo (scripted, offline)")
                    .contains("✗ coding_agent_apply_patch").contains("[completed] run ").contains("exit code: 0")
                    .contains("{\"event\":\"run.completed\"");
        }
    }
}
