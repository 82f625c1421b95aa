package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.server.ApiError;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.time.Duration;
import java.time.Instant;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.providers.ProviderEndpoint;

/**
 * Decides at run creation whether the requested engine can take the run (CONTRACT.md §4.1, last validation step):
 * OpenCode needs its binary (answering {@code --version}; the answer is cached for a minute), a model served over
 * HTTP, and an app with a local folder.
 */
public final class EngineAvailability {
    private static final Duration CACHE = Duration.ofMinutes(1);

    private final String openCodeCommand;
    private final Callable<String> versionProbe;
    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile String problem;

    /**
     * @param openCodeCommand the configured binary (name or path), null when disabled
     * @param versionProbe    asks the binary for its version; throws when it cannot
     */
    public EngineAvailability(String openCodeCommand, Callable<String> versionProbe) {
        this.openCodeCommand = openCodeCommand;
        this.versionProbe = versionProbe;
    }

    void check(String engine, App app, Optional<ProviderEndpoint> modelEndpoint) {
        if (!RunService.OPENCODE.equals(engine)) {
            return;
        }
        if (openCodeCommand == null) {
            throw unavailable("OpenCode engine is unavailable: it is disabled in the server configuration");
        }
        if (locate(openCodeCommand).isEmpty()) {
            throw unavailable("OpenCode engine is unavailable: '" + openCodeCommand + "' was not found");
        }
        String failure = probe();
        if (failure != null) {
            throw unavailable("OpenCode engine is unavailable: " + failure);
        }
        if (modelEndpoint.map(p -> Provider.DEMO.equals(p.kind())).orElse(false)) {
            throw unavailable("OpenCode engine is unavailable: the demo model runs on the native engine only");
        }
        if (app.workspacePath() == null) {
            throw ApiError.coded(400, ErrorCodes.ENGINE_UNSUPPORTED_RUNTIME, "engine",
                    "OpenCode engine requires an app with a local workspace folder", Map.of());
        }
    }

    private String probe() {
        if (Duration.between(checkedAt, Instant.now()).compareTo(CACHE) < 0) {
            return problem;
        }
        try {
            versionProbe.call();
            problem = null;
        } catch (Exception e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        checkedAt = Instant.now();
        return problem;
    }

    private static ApiError unavailable(String message) {
        return ApiError.coded(400, ErrorCodes.ENGINE_UNAVAILABLE, "engine", message, Map.of());
    }

    /** Finds a command as a path or on PATH. */
    static Optional<Path> locate(String command) {
        Path direct = Path.of(command);
        if (command.contains(File.separator)) {
            return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
