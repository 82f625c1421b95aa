package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.VerifyCommand;
import dev.builderdesk.protocol.VerifyResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs an app's verify command in a comparison attempt's sandbox: the program itself, no shell, its standard input
 * closed, with the server's environment less anything that looks like a secret, stopped (with everything it
 * started) at the command's timeout. Keeps the end of what it printed.
 */
final class AttemptVerifier {
    /** How much of the output a result keeps: the end, where a build says what failed. */
    static final int TAIL_CHARS = 4000;
    private static final Pattern SECRET = Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL).*");

    VerifyResult verify(VerifyCommand command, Path sandbox) {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(sandbox.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> SECRET.matcher(name).matches());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            // The JDK's message names the sandbox's absolute path; the program's name and the reason are enough.
            String reason = String.valueOf(e.getMessage()).replaceFirst(" \\(in directory \"[^\"]*\"\\)", "")
                    .replaceFirst("^Cannot run program \"[^\"]*\": ", "").strip();
            return new VerifyResult(VerifyResult.NOT_STARTED, null, millisSince(started),
                    "Cannot run " + command.argv().get(0) + ": " + reason);
        }
        Tail tail = new Tail();
        Thread reader = Thread.ofVirtual().name("verify-output").start(() -> tail.readAll(process.getInputStream()));
        try {
            process.getOutputStream().close();
            boolean ended = process.waitFor(command.timeoutS(), TimeUnit.SECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(2_000);
            long ms = millisSince(started);
            if (!ended) {
                return new VerifyResult(VerifyResult.TIMED_OUT, null, ms, tail.text());
            }
            int exit = process.exitValue();
            return new VerifyResult(exit == 0 ? VerifyResult.PASSED : VerifyResult.FAILED, exit, ms, tail.text());
        } catch (IOException e) {
            process.destroyForcibly();
            return new VerifyResult(VerifyResult.FAILED, null, millisSince(started), tail.text());
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new VerifyResult(VerifyResult.TIMED_OUT, null, millisSince(started), tail.text());
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The last bytes a process wrote, decoded at the end (a cut multi-byte character becomes a replacement). */
    private static final class Tail {
        private static final int KEEP_BYTES = TAIL_CHARS * 4;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void readAll(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    append(buffer, n);
                }
            } catch (IOException e) {
                // The process ended or was stopped: what was read is kept.
            }
        }

        private synchronized void append(byte[] buffer, int n) {
            bytes.write(buffer, 0, n);
            if (bytes.size() > 2 * KEEP_BYTES) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, all.length - KEEP_BYTES, KEEP_BYTES);
            }
        }

        synchronized String text() {
            String all = bytes.toString(StandardCharsets.UTF_8);
            return all.length() <= TAIL_CHARS ? all : all.substring(all.length() - TAIL_CHARS);
        }
    }
}
