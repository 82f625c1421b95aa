package dev.builderdesk.server;

import dev.builderdesk.providers.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The server's tunables, resolved from the configuration file and command line by the {@code app} room.
 *
 * @param dataDir            where sandboxes live (the database URL is separate)
 * @param heartbeat          interval of {@code : ping} comments on idle streams
 * @param maxToolIterations  model steps per run segment before it pauses
 * @param messageBudgetChars history budget before compaction (CONTRACT.md §4.5)
 * @param defaultEngine      engine of runs that do not name one
 * @param openCodeCommand    the OpenCode binary (name on PATH or path), null when disabled
 * @param allowedExtensions  the extension allowlist of the path policy
 * @param shutdownGrace      how long a graceful stop waits for runs to pause
 * @param retries            how failed provider calls are retried
 * @param verifyCommands     whether apps' verify commands run (a program of the tenant's choice as the server's
 *                           user: the desktop's own server, or a shared one whose operator allows it)
 */
public record ServerSettings(
        String version,
        Path dataDir,
        Duration heartbeat,
        int maxToolIterations,
        int messageBudgetChars,
        String defaultEngine,
        String openCodeCommand,
        Set<String> allowedExtensions,
        Duration shutdownGrace,
        RetryPolicy retries,
        boolean verifyCommands) {
}
