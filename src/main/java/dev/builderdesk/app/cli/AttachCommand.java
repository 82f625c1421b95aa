package dev.builderdesk.app.cli;

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
        return StreamCommands.withClient(server, spec, (client, out, err) -> {
            client.getRun(server.app, run);
            return StreamCommands.follow(client, server, run, fromSeq, out, err);
        });
    }
}
