package dev.builderdesk.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only modes for what holds secrets (the database keeps provider API keys): folders 0700, files 0600. Only on
 * file systems with POSIX modes; elsewhere (Windows) nothing is done, the user's profile folder being private.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final System.Logger LOG = System.getLogger(OwnerOnly.class.getName());

    private OwnerOnly() {
    }

    /**
     * Restricts an existing folder or file to its owner; a missing path is left alone. A failure (say, a file owned
     * by someone else) is logged, not thrown: the server still starts.
     */
    public static void restrict(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(path, Files.isDirectory(path) ? FOLDER : FILE);
        } catch (UnsupportedOperationException notPosix) {
            // No POSIX modes on this file system.
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot restrict " + path + " to its owner: " + e);
        }
    }

    /** Creates an empty file readable by its owner only, unless it exists already. */
    public static void createFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (UnsupportedOperationException notPosix) {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException exists) {
            // Someone (a previous start) made it: restrict() tightens it.
        }
    }
}
