package dev.builderdesk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory as the system counts it (what a user sees in a task manager). */
final class Memory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private Memory() {
    }

    /** VmRSS in MiB; -1 where the system does not tell (not Linux). */
    static long residentMib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return Math.round(kib / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
        return -1;
    }
}
