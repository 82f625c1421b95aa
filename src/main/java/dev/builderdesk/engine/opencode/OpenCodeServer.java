package dev.builderdesk.engine.opencode;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A running {@code opencode serve} process and how to reach it. Closing stops it (TERM, then KILL). */
public record OpenCodeServer(Process process, String baseUrl, String password, Path log) implements AutoCloseable {
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
