package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.server.ApiError;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Decides at run creation whether the requested engine can take the run (CONTRACT.md §4.1, last validation step):
 * OpenCode needs its binary and an app with a local folder.
 */
public final class EngineAvailability {
    private final String openCodeCommand;
    private final boolean openCodeImplemented;

    /**
     * @param openCodeCommand     the configured binary (name or path), null when disabled
     * @param openCodeImplemented whether this server has the OpenCode engine at all
     */
    public EngineAvailability(String openCodeCommand, boolean openCodeImplemented) {
        this.openCodeCommand = openCodeCommand;
        this.openCodeImplemented = openCodeImplemented;
    }

    void check(String engine, App app) {
        if (!RunService.OPENCODE.equals(engine)) {
            return;
        }
        if (openCodeCommand == null) {
            throw unavailable("OpenCode engine is unavailable: it is disabled in the server configuration");
        }
        if (locate(openCodeCommand).isEmpty()) {
            throw unavailable("OpenCode engine is unavailable: '" + openCodeCommand + "' was not found");
        }
        if (!openCodeImplemented) {
            throw unavailable("OpenCode engine is unavailable: this server version runs the native engine only");
        }
        if (app.workspacePath() == null) {
            throw ApiError.coded(400, ErrorCodes.ENGINE_UNSUPPORTED_RUNTIME, "engine",
                    "OpenCode engine requires an app with a local workspace folder", Map.of());
        }
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
