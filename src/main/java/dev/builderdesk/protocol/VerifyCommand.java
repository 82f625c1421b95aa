package dev.builderdesk.protocol;

import java.util.List;

/**
 * An app's check of a comparison attempt (ours): a program and its arguments, run without a shell in the attempt's
 * sandbox after the attempt ends, stopped after {@code timeoutS} seconds. Exit status 0 passes.
 */
public record VerifyCommand(List<String> argv, int timeoutS) {
    public static final int DEFAULT_TIMEOUT_S = 120;
    public static final int MAX_TIMEOUT_S = 3600;
    public static final int MAX_ARGS = 64;
    public static final int MAX_ARG_CHARS = 4096;

    public VerifyCommand {
        argv = List.copyOf(argv);
    }
}
