package dev.builderdesk.app;

import java.nio.file.Path;
import java.util.Optional;

/** Another Builder Desk process holds the data folder; its message names the folder and what to do. */
public final class DataFolderInUseException extends RuntimeException {
    /** The exit status of a process that stops because of it (the command line's usage-error status). */
    public static final int EXIT_STATUS = 2;

    private final transient Path folder;

    DataFolderInUseException(Path folder, Optional<Long> holderPid) {
        super("Another Builder Desk" + holderPid.map(pid -> " (process " + pid + ")").orElse("")
                + " is using the data folder " + folder + ". Close it first, or give this one its own folder with"
                + " --data-dir DIR.");
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }
}
