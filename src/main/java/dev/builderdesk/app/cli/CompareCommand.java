package dev.builderdesk.app.cli;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.RunStreamListener;
import dev.builderdesk.compare.CompareExport;
import dev.builderdesk.compare.CompareTable;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.CreateComparisonRequest;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code builder-desk compare}: creates a comparison (one prompt, an attempt per model), follows every attempt to its
 * end and prints the group's metrics table; {@code compare export GROUP_ID} prints an existing comparison. Progress
 * goes to standard error, so standard output holds only the table or the export.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, subcommands = CompareCommand.Export.class,
        description = {
            "Run one prompt with several models side by side, wait for every attempt to end and print the metrics.",
            "Exit code: 0 every attempt completed, 1 one did not (failed, cancelled, paused), 2 usage or HTTP error."})
public final class CompareCommand implements Callable<Integer> {
    /** Exit code when an attempt ended otherwise than completed. */
    static final int NOT_ALL_COMPLETED = 1;

    // A group, not a mixin: `compare export …` must parse without this command's connection options.
    @ArgGroup(exclusive = false, multiplicity = "0..1")
    ConnectionOptions server;

    @Option(names = "--models", split = ",", paramLabel = "ID",
            description = "2 to 6 model ids, comma-separated; auto for Auto; a model may repeat")
    List<String> models;

    @Option(names = "--engine", description = "native or opencode for every attempt (default: the server's)")
    String engine;

    @Option(names = "--blind", description = "Name the attempts Model A, B, … until a verdict is saved")
    boolean blind;

    @Option(names = "--format", defaultValue = "text", description = "text (default), json, csv or md")
    Format format;

    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "What every attempt should do")
    List<String> prompt;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** How a comparison is printed. */
    public enum Format { text, json, csv, md }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (server == null) {
            return usage(err, "Missing required options: '--server', '--token', '--app'");
        }
        if (models == null || models.isEmpty()) {
            return usage(err, "Missing required option: '--models=ID[,ID…]'");
        }
        if (prompt == null || prompt.isEmpty()) {
            return usage(err, "Missing the prompt");
        }
        List<CreateComparisonRequest.Attempt> attempts = models.stream().map(String::strip)
                .map(m -> new CreateComparisonRequest.Attempt(m.equalsIgnoreCase("auto") ? null : m, engine))
                .toList();
        return StreamCommands.withClient(server, spec, (client, out, e) -> {
            CompareGroup created = client.createComparison(server.app,
                    new CreateComparisonRequest(String.join(" ", prompt), attempts, blind, null));
            e.println("Comparison " + created.id() + " · " + created.runs().size() + " attempts"
                    + (created.blind() ? " · blind" : ""));
            e.flush();
            StreamCommands.awaitEnd(client, server.app, created.runs().stream().map(Run::runId).toList(), 1,
                    runId -> progress(e, created, runId));
            CompareGroup group = client.compareGroup(server.app, created.id());
            print(out, group, format, client);
            boolean allCompleted = group.runs().stream()
                    .allMatch(r -> RunStatus.COMPLETED.wire().equals(r.status()));
            return allCompleted ? StreamCommands.COMPLETED : NOT_ALL_COMPLETED;
        });
    }

    /** One line on standard error as each attempt ends: "A completed". */
    private static RunStreamListener progress(PrintWriter err, CompareGroup group, String runId) {
        String label = group.labelOf(runId) != null ? group.labelOf(runId) : runId;
        return event -> {
            if (event.isTerminal()) {
                synchronized (err) {
                    err.println(label + " " + event.type().wire().substring("run.".length()));
                    err.flush();
                }
            }
        };
    }

    static int usage(PrintWriter err, String message) {
        err.println("Error: " + message + " (see builder-desk compare --help)");
        err.flush();
        return StreamCommands.USAGE_OR_HTTP;
    }

    /** Prints {@code group} in {@code format}; model names the runs lack are asked of the server, once each. */
    static void print(PrintWriter out, CompareGroup group, Format format, RunApiClient client) {
        CompareTable table = CompareTable.of(group, names(client));
        out.print(switch (format) {
            case text -> CompareExport.text(table);
            case json -> CompareExport.json(table);
            case csv -> CompareExport.csv(table);
            case md -> CompareExport.markdown(table);
        });
        out.flush();
    }

    private static Function<String, String> names(RunApiClient client) {
        Map<String, String> names = new ConcurrentHashMap<>();
        return id -> names.computeIfAbsent(id, key -> {
            try {
                return client.getModel(key).name();
            } catch (ClientException e) {
                return key;
            }
        });
    }

    /** {@code builder-desk compare export GROUP_ID}: prints an existing comparison. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Print an existing comparison as Markdown (default), JSON, CSV or a text table.",
        "Exit code: 0 printed, 2 usage or HTTP error."})
    static final class Export implements Callable<Integer> {
        @Mixin
        ConnectionOptions server;

        @Parameters(index = "0", paramLabel = "GROUP_ID", description = "Comparison (compare group) id")
        String groupId;

        @Option(names = "--format", defaultValue = "md", description = "md (default), json, csv or text")
        Format format;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            return StreamCommands.withClient(server, spec, (client, out, err) -> {
                print(out, client.compareGroup(server.app, groupId), format, client);
                return StreamCommands.COMPLETED;
            });
        }
    }
}
