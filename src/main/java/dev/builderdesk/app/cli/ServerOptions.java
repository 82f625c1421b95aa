package dev.builderdesk.app.cli;

import picocli.CommandLine.Option;

/** The options of the commands that stream a run: the connection, and how its events are printed. */
public final class ServerOptions extends ConnectionOptions {
    @Option(names = "--format", defaultValue = "text", description = "text (default) or jsonl")
    OutputFormat format;

    /** How events are printed. */
    public enum OutputFormat { text, jsonl }
}
