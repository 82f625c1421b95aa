package dev.builderdesk.app.cli;

import dev.builderdesk.client.RunEvent;
import dev.builderdesk.client.RunStreamListener;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Run;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints a run's events as they arrive: {@code jsonl} writes each normalised envelope on its own line; {@code text}
 * streams the assistant's text and writes one line per tool call, failure, retry and the outcome.
 */
final class EventPrinter implements RunStreamListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final ServerOptions.OutputFormat format;
    private final AtomicReference<RunEvent> terminal = new AtomicReference<>();
    private boolean midLine;

    EventPrinter(PrintWriter out, PrintWriter err, ServerOptions.OutputFormat format) {
        this.out = out;
        this.err = err;
        this.format = format;
    }

    /** The terminal event, once it arrived. */
    RunEvent terminal() {
        return terminal.get();
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event.isTerminal()) {
            terminal.set(event);
        }
        if (format == ServerOptions.OutputFormat.jsonl) {
            out.println(Json.write(event.envelope()));
            out.flush();
            return;
        }
        switch (event.payload()) {
            case EventPayload.AssistantDelta d -> {
                out.print(d.content());
                midLine = !d.content().endsWith("\n");
            }
            case EventPayload.ToolStarted t -> line("→ " + t.tool() + " " + Json.write(t.input()));
            case EventPayload.ToolCompleted t -> line("✓ " + t.tool() + " (" + t.durationMs() + " ms)");
            case EventPayload.ToolFailed t -> line("✗ " + t.tool() + ": " + describe(event.diagnostics()));
            case EventPayload.ProviderRetry r -> line("… provider retry " + r.attempt() + "/" + r.maxAttempts()
                    + ": " + r.message());
            case EventPayload.RunError e -> line("! " + describe(event.diagnostics()));
            case EventPayload.RunCompleted c -> line("[completed] " + summary(c.run()));
            case EventPayload.RunFailed f -> line("[failed] " + describe(event.diagnostics()));
            case EventPayload.RunCancelled c -> line("[cancelled]");
            case EventPayload.RunPaused p -> line("[paused] resume it to continue");
            case EventPayload.RunAccepted a -> { }
            case EventPayload.PlanUpdated p -> { }
            case EventPayload.UsageUpdated u -> { }
            case EventPayload.RevisionCreated r -> { }
            case EventPayload.CheckpointCreated c -> { }
            case EventPayload.Unrecognised u -> { }
        }
        out.flush();
    }

    @Override
    public void onReconnecting(int attempt, Throwable cause) {
        err.println("Reconnecting… (attempt " + attempt + ")");
        err.flush();
    }

    @Override
    public void onError(dev.builderdesk.client.ClientException error) {
        err.println("Error: " + error.getMessage());
        err.flush();
    }

    private void line(String text) {
        if (midLine) {
            out.println();
            midLine = false;
        }
        out.println(text);
    }

    private static String describe(java.util.List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            return "(no details)";
        }
        Diagnostic d = diagnostics.get(0);
        return d.message() + (d.code() == null ? "" : " [" + d.code() + "]");
    }

    private static String summary(Run run) {
        if (run == null) {
            return "";
        }
        String model = run.resolvedModelName() != null ? run.resolvedModelName() : run.resolvedModelId();
        String steps = run.metrics() == null ? "" : " · " + run.metrics().modelSteps() + " steps · "
                + run.metrics().toolCalls() + " tool calls";
        return "run " + run.runId() + " · " + (run.requestedModelId() == null ? "Auto → " : "") + model + steps;
    }
}
