package dev.builderdesk.app.cli;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.client.RunStream;
import java.io.PrintWriter;
import java.time.Duration;

/** Following a run to its end and turning the outcome into the documented exit code. */
final class StreamCommands {
    /** Exit codes of {@code run} and {@code attach}. */
    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int USAGE_OR_HTTP = 2;
    static final int CANCELLED = 3;
    static final int PAUSED = 4;

    private StreamCommands() {
    }

    static int follow(RunApiClient client, String app, String runId, long fromSeq, EventPrinter printer)
            throws InterruptedException {
        try (RunStream stream = client.stream(app, runId, fromSeq, printer)) {
            while (!stream.await(Duration.ofSeconds(1))) {
                // the stream's own thread prints; this one waits
            }
        }
        return exitCode(printer.terminal());
    }

    static int exitCode(RunEvent terminal) {
        return switch (terminal) {
            case RunEvent.Completed c -> COMPLETED;
            case RunEvent.Failed f -> FAILED;
            case RunEvent.Cancelled c -> CANCELLED;
            case RunEvent.Paused p -> PAUSED;
            case null, default -> USAGE_OR_HTTP;
        };
    }

    static int httpError(PrintWriter err, ClientException e) {
        err.println("Error: " + e.getMessage() + (e.status() > 0 ? " (HTTP " + e.status() + ")" : ""));
        err.flush();
        return USAGE_OR_HTTP;
    }
}
