package dev.builderdesk.app.cli;

import dev.builderdesk.protocol.CreateRunRequest;
import dev.builderdesk.protocol.Run;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code builder-desk run}: creates a run and follows it to its end. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Create a coding-agent run and stream it until it ends.",
    "Exit code: 0 completed, 1 failed, 2 usage or HTTP error, 3 cancelled, 4 paused."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--model", defaultValue = "auto", description = "Model id, or auto (default)")
    String model;

    @Option(names = "--engine", description = "native or opencode (default: the server's)")
    String engine;

    @Option(names = "--session", description = "Thread (chat session) id to continue")
    String session;

    @Parameters(arity = "1..*", paramLabel = "PROMPT", description = "What the agent should do")
    List<String> prompt;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return StreamCommands.withClient(server, spec, (client, out, err) -> {
            Run run = client.createRun(server.app, new CreateRunRequest(String.join(" ", prompt),
                    model.equalsIgnoreCase("auto") ? null : model, engine, null, null, session, null, null, null));
            if (server.format == ServerOptions.OutputFormat.text) {
                out.println("Run " + run.runId() + " · model " + (run.requestedModelId() == null ? "Auto → " : "")
                        + run.resolvedModelName() + " · engine " + run.executionEngine());
                out.flush();
            }
            return StreamCommands.follow(client, server, run.runId(), 1, out, err);
        });
    }
}
