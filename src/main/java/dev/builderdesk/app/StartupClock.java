package dev.builderdesk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Milliseconds since this process started (the launcher's own start, not the JVM's creation within it): what a
 * user waits for between the click and a milestone. On Linux it is read from {@code /proc}: the process's start and
 * the system's uptime, both counted from the boot in hundredths of a second. ({@link ProcessHandle} adds the boot
 * time, which the system gives in whole seconds only: its start instant is off by up to a second.) Elsewhere it
 * falls back to {@link ProcessHandle}. Start-up loads no management classes to measure itself.
 */
final class StartupClock {
    /** Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;
    private final long startMillis;

    private StartupClock(long startMillis) {
        this.startMillis = startMillis;
    }

    static StartupClock ofProcess() {
        long now = System.currentTimeMillis();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, the
            // start time field 22.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double startedSecondsAfterBoot = Long.parseLong(fields[19]) / TICKS_PER_SECOND;
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return new StartupClock(now - Math.round((uptimeSeconds - startedSecondsAfterBoot) * 1000));
        } catch (IOException | RuntimeException notLinux) {
            return new StartupClock(ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                    .orElse(now));
        }
    }

    long elapsedMs() {
        return System.currentTimeMillis() - startMillis;
    }
}
