package dev.builderdesk.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
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
        Thread drain = new Thread(() -> out.lines().forEach(lines::add));
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

    /** Waits until the process printed a line containing {@code fragment}; false when {@code timeout} passed. */
    public boolean awaitOutput(String fragment, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            synchronized (output) {
                if (output.stream().anyMatch(l -> l.contains(fragment))) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Freezes the process (SIGSTOP): alive, holding its connections, doing nothing — a zombie in the making. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen process go on (SIGCONT), from where it stopped. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + pid() + " failed");
        }
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
