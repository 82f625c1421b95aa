package dev.builderdesk.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar target/builder-desk.jar serve ...} as a separate process, for the integration tests. */
public record ServeProcess(Process process, String baseUrl, List<String> output) implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    /** Starts {@code serve} with the given extra arguments on port 0 and waits until it printed its address. */
    public static ServeProcess start(Path dataDir, String... extraArgs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("builderdesk.jar"),
                "serve", "--data-dir", dataDir.toString(), "--port", "0"));
        command.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
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
            if (line.startsWith("Press Ctrl+C to stop.")) {
                break;
            }
        }
        if (url == null) {
            p.destroyForcibly();
            throw new IllegalStateException("serve did not start: " + lines);
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return new ServeProcess(p, url, lines);
    }

    /** How a process that was expected to stop by itself ended. */
    public record Exit(int status, String output) {
    }

    /**
     * Runs {@code java -jar target/builder-desk.jar ARGS} until it exits by itself (a guard of two minutes ends it
     * otherwise, with status -1), for a start that must be refused.
     */
    public static Exit runToExit(String... jarArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("builderdesk.jar")));
        command.addAll(List.of(jarArgs));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output unreadable: ").append(e).append(')');
            }
        });
        reader.start();
        boolean exited = p.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        reader.join();
        return new Exit(exited ? p.exitValue() : -1, output.toString());
    }

    public long pid() {
        return process.pid();
    }

    /** The crash: SIGKILL, no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
