package dev.builderdesk.workspace;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes a folder hold exactly a target {@link FileSet} (outside the blocked folders), all or nothing: every path is
 * checked first (inside the folder, through no symbolic link), every new content is written to a temporary file
 * beside its target, all of them before any is moved, and each then replaces its target with one atomic rename. A
 * failure at any point puts back what was moved or deleted, from {@code current}, so the folder is as it was and
 * the failure is an {@link AppFolderException} whose message names folder-relative paths only. A crash leaves each
 * file either old or new, and possibly temporary files, which the next write to the folder removes.
 */
public final class FolderWriter {
    private static final System.Logger LOG = System.getLogger(FolderWriter.class.getName());
    /** A temporary file of ours: the target's name, the nano time it was written at (many digits), the suffix. */
    private static final Pattern LEFTOVER_TEMP =
            Pattern.compile(".+\\.\\d{9,}" + Pattern.quote(FolderScanner.TEMP_SUFFIX));

    private FolderWriter() {
    }

    /**
     * Writes the changes from {@code current} (what the folder holds now) to {@code target}.
     *
     * @throws AppFolderException of kind {@code WRITE_FAILED}; the folder is unchanged
     */
    public static void apply(Path root, FileSet current, FileSet target) {
        Map<String, Path> writes = new LinkedHashMap<>();
        Map<String, Path> deletions = new LinkedHashMap<>();
        String at = null;
        try {
            Files.createDirectories(root);
            try {
                removeLeftoverTemps(root);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not look for temporary files left in " + root, e);
            }
            for (Map.Entry<String, byte[]> e : target.contents().entrySet()) {
                at = e.getKey();
                if (!target.hashes().get(at).equals(current.hashes().get(at))) {
                    writes.put(at, safeResolve(root, at));
                }
            }
            for (String path : current.contents().keySet()) {
                at = path;
                if (!target.contents().containsKey(path)) {
                    deletions.put(path, safeResolve(root, path));
                }
            }
        } catch (IOException e) {
            throw failed(root, at, e, true);
        }
        new Transaction(root, current).run(target, writes, deletions);
    }

    /** One application of changes, with what it must undo if it cannot finish. */
    private static final class Transaction {
        private final Path root;
        private final FileSet current;
        private final List<Path> createdDirs = new ArrayList<>();
        private final List<String> changed = new ArrayList<>();

        Transaction(Path root, FileSet current) {
            this.root = root;
            this.current = current;
        }

        void run(FileSet target, Map<String, Path> writes, Map<String, Path> deletions) {
            Map<String, Path> temps = new LinkedHashMap<>();
            String at = null;
            try {
                for (Map.Entry<String, Path> w : writes.entrySet()) {
                    at = w.getKey();
                    temps.put(at, writeTemp(w.getValue(), target.contents().get(at)));
                }
                for (Map.Entry<String, Path> t : temps.entrySet()) {
                    at = t.getKey();
                    moveAtomically(t.getValue(), writes.get(at));
                    changed.add(at);
                }
                for (Map.Entry<String, Path> d : deletions.entrySet()) {
                    at = d.getKey();
                    if (Files.deleteIfExists(d.getValue())) {
                        changed.add(at);
                    }
                    removeEmptyParents(root, d.getValue().getParent());
                }
            } catch (IOException | RuntimeException e) {
                for (Path temp : temps.values()) {
                    deleteQuietly(temp);
                }
                boolean undone = undo();
                throw failed(root, at, e, undone);
            }
        }

        private Path writeTemp(Path destination, byte[] content) throws IOException {
            createParents(destination.getParent());
            Path temp = destination.resolveSibling(destination.getFileName() + "." + System.nanoTime()
                    + FolderScanner.TEMP_SUFFIX);
            Files.write(temp, content);
            return temp;
        }

        /** Creates missing parent folders, remembering which, so that an undo removes them again. */
        private void createParents(Path dir) throws IOException {
            List<Path> missing = new ArrayList<>();
            for (Path p = dir; p != null && !p.equals(root) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
                    p = p.getParent()) {
                missing.add(p);
            }
            for (int i = missing.size() - 1; i >= 0; i--) {
                Files.createDirectory(missing.get(i));
                createdDirs.add(missing.get(i));
            }
        }

        /** Puts back what was replaced or deleted; true when everything is as before. */
        private boolean undo() {
            boolean ok = true;
            for (String path : changed) {
                try {
                    Path file = root.resolve(path);
                    byte[] before = current.contents().get(path);
                    if (before == null) {
                        Files.deleteIfExists(file);
                    } else {
                        Path temp = writeTemp(file, before);
                        moveAtomically(temp, file);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Could not put back " + path + " in " + root, e);
                    ok = false;
                }
            }
            createdDirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
            for (Path dir : createdDirs) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // Not empty (someone else wrote there) or gone: leave it.
                }
            }
            return ok;
        }
    }

    private static AppFolderException failed(Path root, String relativePath, Exception e, boolean unchanged) {
        String what = relativePath == null ? "the app folder" : relativePath;
        String outcome = unchanged ? " Nothing in the app folder was changed."
                : " Some files could not be put back as they were.";
        return new AppFolderException(AppFolderException.Kind.WRITE_FAILED, "Cannot write " + what + ": "
                + reason(root, relativePath, e) + "." + outcome, e);
    }

    /** Why a write failed, in words that name no server path. */
    private static String reason(Path root, String relativePath, Exception e) {
        if (e instanceof PathRefused refused) {
            return refused.reason;
        }
        if (relativePath != null) {
            for (Path p = root.resolve(relativePath).getParent(); p != null && p.startsWith(root) && !p.equals(root);
                    p = p.getParent()) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    return FolderScanner.relative(root, p) + " is a file where a folder is needed";
                }
            }
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return "an input/output error";
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Resolves a relative path and refuses anything that would land outside the root or go through a symbolic link
     * (a folder link, even one pointing inside the folder, would make one path write another).
     */
    static Path safeResolve(Path root, String relativePath) throws IOException {
        Path base = root.normalize();
        Path resolved = base.resolve(relativePath).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new PathRefused("the path escapes the app folder");
        }
        List<Path> outermostFirst = new ArrayList<>();
        for (Path p = resolved; !p.equals(base); p = p.getParent()) {
            outermostFirst.add(0, p);
        }
        for (Path p : outermostFirst) {
            if (Files.isSymbolicLink(p)) {
                String link = p.equals(resolved) ? relativePath + " is a symbolic link"
                        : FolderScanner.relative(base, p) + " is a folder link (a symbolic link)";
                throw new PathRefused(leadsOutside(root, p) ? link + " that escapes the app folder" : link);
            }
        }
        if (!FolderScanner.isInside(root, resolved)) {
            throw new PathRefused("the path escapes the app folder");
        }
        return resolved;
    }

    private static boolean leadsOutside(Path root, Path link) {
        try {
            return !FolderScanner.isInside(root, link.toRealPath());
        } catch (IOException dangling) {
            return false;
        }
    }

    /**
     * Deletes the temporary files an earlier write left when the process died between writing and moving them. The
     * caller holds the app's lock and one process owns a data folder (ADR 0010), so no write of ours is using them;
     * blocked folders and folder links are not entered, as no write goes there.
     */
    private static void removeLeftoverTemps(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                // The walk follows no link, so a folder link is seen as a file and never entered.
                return dir.equals(root) || WorkspaceRules.blockedDirectory(FolderScanner.relative(root, dir)).isEmpty()
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && LEFTOVER_TEMP.matcher(file.getFileName().toString()).matches()) {
                    deleteQuietly(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void removeEmptyParents(Path root, Path dir) throws IOException {
        Path current = dir;
        while (current != null && !current.equals(root) && current.startsWith(root)
                && Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
            try (var entries = Files.list(current)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(current);
            current = current.getParent();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not remove the temporary file " + file, e);
        }
    }

    /** A path the writer will not write, with the reason in folder-relative words. */
    private static final class PathRefused extends IOException {
        private final String reason;

        PathRefused(String reason) {
            super(reason, null);
            this.reason = reason;
        }
    }
}
