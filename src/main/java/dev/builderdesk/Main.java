package dev.builderdesk;

import dev.builderdesk.app.ServeCommand;
import dev.builderdesk.app.cli.AttachCommand;
import dev.builderdesk.app.cli.RunCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
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

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
