package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.VerifyCommand;
import dev.builderdesk.providers.Cancellation;
import dev.builderdesk.protocol.VerifyResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs an app's verify command in a comparison attempt's sandbox: the program itself, no shell, its standard input
 * closed, with only the environment a build needs (no keys or tokens of the server's), stopped at the command's
 * timeout or when the attempt is stopped. The processes it starts are looked for while it runs and stopped with it,
 * also when it ends and leaves them behind. Keeps the end of what it printed.
 */
final class AttemptVerifier {
    /** How much of the output a result keeps: the end, where a build says what failed. */
    static final int TAIL_CHARS = 4000;
    /** What a build tool needs from the environment; everything else of the server's (API keys) stays out. */
    static final Pattern PASSED_ON = Pattern.compile("PATH|HOME|USER|LOGNAME|SHELL|LANG|LC_[A-Z_]+|TZ|TMPDIR|TERM"
            + "|JAVA_HOME|SystemRoot|SYSTEMROOT|ComSpec|COMSPEC|PATHEXT|TEMP|TMP|USERPROFILE|APPDATA|LOCALAPPDATA");
    private static final long POLL_MS = 200;

    /** The result, or empty when the attempt was stopped while it verified (nothing of the command is left). */
    Optional<VerifyResult> verify(VerifyCommand command, Path sandbox, Cancellation stopped) {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(sandbox.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> !PASSED_ON.matcher(name).matches());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            // The JDK's message names the sandbox's absolute path; the program's name and the reason are enough.
            String reason = String.valueOf(e.getMessage()).replaceFirst(" \\(in directory \"[^\"]*\"\\)", "")
                    .replaceFirst("^Cannot run program \"[^\"]*\": ", "").strip();
            return Optional.of(new VerifyResult(VerifyResult.NOT_STARTED, null, millisSince(started),
                    "Cannot run " + command.argv().get(0) + ": " + reason));
        }
        Tail tail = new Tail();
        Thread reader = Thread.ofVirtual().name("verify-output").start(() -> tail.readAll(process.getInputStream()));
        Set<ProcessHandle> children = new HashSet<>();
        long deadline = started + command.timeoutS() * 1_000_000_000L;
        boolean ended = false;
        boolean cancelled = false;
        try {
            process.getOutputStream().close();
            while (!(ended = process.waitFor(POLL_MS, TimeUnit.MILLISECONDS))) {
                process.descendants().forEach(children::add);
                if (stopped.isCancelled()) {
                    cancelled = true;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
        } catch (IOException e) {
            // Its standard input could not be closed: it runs on, and is stopped like any other.
        } catch (InterruptedException e) {
            cancelled = true;
            Thread.currentThread().interrupt();
        } finally {
            process.descendants().forEach(children::add);
            children.forEach(ProcessHandle::destroyForcibly);
            if (!ended) {
                process.destroyForcibly();
            }
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Only now: destroying a process closes its output stream, which loses what the reader has not read yet.
        process.destroyForcibly();
        long ms = millisSince(started);
        if (cancelled) {
            return Optional.empty();
        }
        if (!ended) {
            return Optional.of(new VerifyResult(VerifyResult.TIMED_OUT, null, ms, tail.text()));
        }
        int exit = process.exitValue();
        return Optional.of(new VerifyResult(exit == 0 ? VerifyResult.PASSED : VerifyResult.FAILED, exit, ms,
                tail.text()));
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
