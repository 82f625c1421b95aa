package dev.builderdesk.app.cli;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.client.RunStream;
import dev.builderdesk.client.RunStreamListener;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Following runs to their end and turning the outcome into the documented exit code. */
final class StreamCommands {
    /** Exit codes of {@code run} and {@code attach}. */
    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int USAGE_OR_HTTP = 2;
    static final int CANCELLED = 3;
    static final int PAUSED = 4;

    private StreamCommands() {
    }

    /** What a command does once it has a client. */
    @FunctionalInterface
    interface ClientWork {
        int run(RunApiClient client, PrintWriter out, PrintWriter err) throws InterruptedException;
    }

    /** Runs {@code work} with a client for the command's server; HTTP errors become exit code 2. */
    static int withClient(ConnectionOptions server, picocli.CommandLine.Model.CommandSpec spec, ClientWork work)
            throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ClientRuntime runtime = new ClientRuntime()) {
            return work.run(RunApiClients.connect(runtime, server.connection()), out, err);
        } catch (ClientException e) {
            return httpError(err, e);
        }
    }

    /** Follows the run to its end with a printer in the command's format; the exit code says how it ended. */
    static int follow(RunApiClient client, ServerOptions server, String runId, long fromSeq, PrintWriter out,
            PrintWriter err) throws InterruptedException {
        return follow(client, server.app, runId, fromSeq, new EventPrinter(out, err, server.format));
    }

    static int follow(RunApiClient client, String app, String runId, long fromSeq, EventPrinter printer)
            throws InterruptedException {
        awaitEnd(client, app, List.of(runId), fromSeq, id -> printer);
        return exitCode(printer.terminal());
    }

    /**
     * Follows every run of {@code runIds} from {@code fromSeq} at once, each with its own listener, and returns when
     * all have ended.
     */
    static void awaitEnd(RunApiClient client, String app, List<String> runIds, long fromSeq,
            Function<String, RunStreamListener> listeners) throws InterruptedException {
        List<RunStream> streams = new ArrayList<>();
        try {
            for (String runId : runIds) {
                streams.add(client.stream(app, runId, fromSeq, listeners.apply(runId)));
            }
            for (RunStream stream : streams) {
                while (!stream.await(Duration.ofSeconds(1))) {
                    // the streams' own threads deliver; this one waits
                }
            }
        } finally {
            streams.forEach(RunStream::close);
        }
    }

    static int exitCode(RunEvent terminal) {
        if (terminal == null) {
            return USAGE_OR_HTTP;
        }
        return switch (terminal.type()) {
            case RUN_COMPLETED -> COMPLETED;
            case RUN_FAILED -> FAILED;
            case RUN_CANCELLED -> CANCELLED;
            case RUN_PAUSED -> PAUSED;
            default -> USAGE_OR_HTTP;
        };
    }

    static int httpError(PrintWriter err, ClientException e) {
        err.println("Error: " + e.getMessage() + (e.code() == null ? "" : " [" + e.code() + "]")
                + (e.status() > 0 ? " (HTTP " + e.status() + ")" : ""));
        err.flush();
        return USAGE_OR_HTTP;
    }
}
