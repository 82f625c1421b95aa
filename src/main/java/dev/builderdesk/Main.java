package dev.builderdesk;

import dev.builderdesk.app.DesktopApp;
import dev.builderdesk.app.ServeCommand;
import dev.builderdesk.app.cli.AttachCommand;
import dev.builderdesk.app.cli.RunCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line entry point: {@code builder-desk <command>}. A plain class with a {@code main} (not a JavaFX
 * {@code Application}), so the jar also starts from the classpath.
 */
@Command(name = "builder-desk", mixinStandardHelpOptions = true,
        subcommands = {ServeCommand.class, RunCommand.class, AttachCommand.class},
        description = "Builder Desk: a desktop workspace for building web apps with a coding agent.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        configureLogging();
        int code = new CommandLine(new Main()).execute(args);
        boolean longRunning = args.length == 0 || args[0].startsWith("--") || "serve".equals(args[0]);
        if (code != 0 || !longRunning) {
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

    /** Without a command: the desktop window. */
    @Override
    public void run() {
        List<String> args = new ArrayList<>();
        addNamed(args, "data-dir", dataDir);
        addNamed(args, "server", server);
        addNamed(args, "token", token);
        addNamed(args, "theme", theme);
        Application.launch(DesktopApp.class, args.toArray(String[]::new));
    }

    private static void addNamed(List<String> args, String name, String value) {
        if (value != null) {
            args.add("--" + name + "=" + value);
        }
    }
}
