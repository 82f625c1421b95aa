package dev.builderdesk.app.cli;

import dev.builderdesk.client.RunEvent;
import dev.builderdesk.client.RunStreamListener;
import dev.builderdesk.protocol.Diagnostic;
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
        switch (event) {
            case RunEvent.AssistantDelta d -> {
                out.print(d.content());
                midLine = !d.content().endsWith("\n");
            }
            case RunEvent.ToolStarted t -> line("→ " + t.payload().tool() + " " + Json.write(t.payload().input()));
            case RunEvent.ToolCompleted t -> line("✓ " + t.payload().tool() + " (" + t.payload().durationMs() + " ms)");
            case RunEvent.ToolFailed t -> line("✗ " + t.payload().tool() + ": " + describe(t.diagnostics()));
            case RunEvent.ProviderRetry r -> line("… provider retry " + r.payload().attempt() + "/"
                    + r.payload().maxAttempts() + ": " + r.payload().message());
            case RunEvent.RunError e -> line("! " + describe(e.diagnostics()));
            case RunEvent.Completed c -> line("[completed] " + summary(c.run()));
            case RunEvent.Failed f -> line("[failed] " + describe(f.diagnostics()));
            case RunEvent.Cancelled c -> line("[cancelled]");
            case RunEvent.Paused p -> line("[paused] resume it to continue");
            default -> {
            }
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
