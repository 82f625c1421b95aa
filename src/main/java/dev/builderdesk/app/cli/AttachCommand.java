package dev.builderdesk.app.cli;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.ClientRuntime;
import dev.builderdesk.client.RunApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code builder-desk attach}: follows an existing run from a given seq. */
@Command(name = "attach", mixinStandardHelpOptions = true, description = {
    "Follow an existing run's events from --from-seq until it ends.",
    "Exit code: 0 completed, 1 failed, 2 usage or HTTP error, 3 cancelled, 4 paused."})
public final class AttachCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--run", required = true, description = "Run id")
    String run;

    @Option(names = "--from-seq", defaultValue = "1", description = "First event to show (default 1)")
    long fromSeq;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try (ClientRuntime runtime = new ClientRuntime()) {
            RunApiClient client = RunApiClient.connect(runtime, server.connection());
            try {
                client.getRun(server.app, run);
            } catch (ClientException e) {
                return StreamCommands.httpError(err, e);
            }
            return StreamCommands.follow(client, server.app, run, fromSeq, new EventPrinter(out, err,
                    server.format));
        }
    }
}
