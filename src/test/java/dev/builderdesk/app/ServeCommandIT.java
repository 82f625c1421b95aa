package dev.builderdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a new user runs it: {@code java -jar target/builder-desk.jar serve} on an empty data folder,
 * then the README's curl walk-through pasted into a shell.
 */
class ServeCommandIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    /** A started {@code serve} process and what it printed until it was ready. */
    record Served(Process process, String baseUrl, List<String> output) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static Served serve(Path dataDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", System.getProperty("builderdesk.jar"), "serve", "--data-dir",
                dataDir.toString(), "--port", "0").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        String url = null;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                url = m.group(1);
            }
            if (line.startsWith("Owner token")) {
                break;
            }
        }
        assertThat(url).as("serve printed its address: " + lines).isNotNull();
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return new Served(p, url, lines);
    }

    @Test
    void serveOnAnEmptyDataFolderAnswersHealthAndPrintsTheOwnerTokenOnce(@TempDir Path data) throws Exception {
        String token;
        try (Served s = serve(data)) {
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
        try (Served again = serve(data)) {
            assertThat(String.join("\n", again.output())).doesNotContain(token).contains("Owner token: in");
            assertThat(new Api(again.baseUrl(), token).get("/admin/apps").status()).isEqualTo(200);
        }
    }

    @Test
    void theReadmeWalkThroughWorksWhenPastedIntoAShell(@TempDir Path data) throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("builderdesk.readme")));
        String block = readme.substring(readme.indexOf("<!-- walkthrough:start -->"),
                readme.indexOf("<!-- walkthrough:end -->"));
        String script = block.substring(block.indexOf("```bash\n") + 8, block.lastIndexOf("```"));
        try (Served s = serve(data)) {
            String adapted = script.replace("http://127.0.0.1:8787", s.baseUrl())
                    .replace("/tmp/bd-demo", data.toString());
            Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", adapted).redirectErrorStream(true)
                    .start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as(output).isZero();
            assertThat(output).contains("\"status\":\"ok\"").contains("Demo (scripted, offline)")
                    .contains("run.accepted").contains("tool.failed coding_agent_apply_patch")
                    .contains("tool.completed coding_agent_apply_patch")
                    .contains("run.completed").contains("NOTES.md").contains("\"checkpoint_id\"");
        }
    }
}
