package dev.builderdesk;

import dev.builderdesk.app.MigrateCommand;
import dev.builderdesk.app.ServeCommand;
import dev.builderdesk.app.cli.AttachCommand;
import dev.builderdesk.app.cli.CompareCommand;
import dev.builderdesk.app.cli.RunCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line entry point: {@code builder-desk <command>}. A plain class with a {@code main} (not a JavaFX
 * {@code Application}), so the jar also starts from the classpath.
 */
@Command(name = "builder-desk", mixinStandardHelpOptions = true,
        subcommands = {ServeCommand.class, RunCommand.class, AttachCommand.class, CompareCommand.class,
                MigrateCommand.class},
        description = "Builder Desk: a desktop workspace for building web apps with a coding agent.")
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        configureLogging();
        Optional<DesktopArgs> desktop = DesktopArgs.parse(args);
        if (desktop.isPresent()) {
            // The window is closed: end the process, whatever threads a start-up left (a server still starting).
            int status;
            try {
                status = desktop.get().launch();
            } catch (RuntimeException e) {
                System.err.println("Builder Desk could not start: " + e.getMessage());
                status = 1;
            }
            System.exit(status);
        }
        int code = new CommandLine(new Main()).execute(args);
        // `serve` returns once its server runs; everything else (a CLI command, a window) has ended here.
        boolean serving = args.length > 0 && "serve".equals(args[0]);
        if (code != 0 || !serving) {
            System.exit(code);
        }
    }

    /** One-line log records; the libraries' start-up chatter only when it is a warning. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Main.class.getResourceAsStream("logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("Logging configuration not loaded: " + e.getMessage());
        }
    }

    @Option(names = "--data-dir", description = "Data folder of the embedded server")
    String dataDir;

    @Option(names = "--server", description = "Connect to this run API server instead of the embedded one")
    String server;

    @Option(names = "--token", description = "Bearer token for --server")
    String token;

    @Option(names = "--theme", description = "system (default), light or dark; saved for the next launches")
    String theme;

    @Option(names = "--smoke-test", description = "Start, make one Demo-model run, print a JSON report, exit "
            + "(0 when the run completed); on a scratch data folder unless --data-dir is given")
    boolean smokeTest;

    @Option(names = "--smoke-runs", description = "Demo runs a smoke test makes (default 1)", defaultValue = "1")
    int smokeRuns;

    /** Without a command: the desktop window (status 2 at once if its data folder is in use). */
    @Override
    public Integer call() {
        return new DesktopArgs(dataDir, server, token, theme, smokeTest, smokeRuns).launch();
    }
}
