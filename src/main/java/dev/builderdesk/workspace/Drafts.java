package dev.builderdesk.workspace;

import dev.builderdesk.protocol.App;
import dev.builderdesk.store.RevisionRepository.RevisionRow;
import dev.builderdesk.store.Store;
import dev.builderdesk.store.StoreException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Moves an app's draft pointer and keeps a folder-backed app's folder in step with it. The user's own edits are
 * never lost: before anything reads or replaces the draft, a folder that differs from it becomes a new draft
 * revision first. The folder is always written <em>before</em> the pointer moves, so a failed write leaves both as
 * they were and the two never disagree. Operations on one app are serialised by a per-app lock.
 */
public final class Drafts {
    private final Store store;
    private final Revisions revisions;
    private final ScanRules rules;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public Drafts(Store store, Revisions revisions, ScanRules rules) {
        this.store = store;
        this.revisions = revisions;
        this.rules = rules;
    }

    /** Result of applying a run's result to an app. */
    public enum ApplyOutcome { APPLIED, DRAFT_MOVED, FOLDER_CHANGED }

    /**
     * Stores a new app with its first draft. A folder-backed app's folder, which holds {@code folderNow}, is written
     * first; then the app row, the revision and the pointer are stored in one transaction, so a failed write leaves
     * no app behind.
     *
     * @throws AppFolderException when the folder cannot be written
     */
    public RevisionRow create(App app, FileSet folderNow, FileSet files, String source, Instant now) {
        return locked(app.id(), () -> {
            if (app.workspacePath() != null) {
                FolderWriter.apply(Path.of(app.workspacePath()), folderNow, files);
            }
            return store.db().write(c -> {
                store.apps().insert(c, app);
                RevisionRow r = revisions.create(c, app.id(), files, source, null, null, now);
                store.apps().setDraft(c, app.id(), r.id());
                return r;
            });
        });
    }

    /**
     * The app's current draft, after taking in the folder's content if it differs (source {@code folder}).
     */
    public RevisionRow syncFromFolder(App app, Instant now) {
        return locked(app.id(), () -> syncLocked(app, now).draft());
    }

    /**
     * Makes {@code result} the draft if the draft is still {@code baseRevisionId} and a folder-backed app's folder
     * still holds that revision; otherwise nothing changes and the outcome says why. Idempotent, so a run recovered
     * after a crash can apply again: a folder or draft that already holds the result counts as applied.
     *
     * @throws AppFolderException when the folder cannot be written; the draft did not move
     */
    public ApplyOutcome applyIfUnchanged(App app, String baseRevisionId, RevisionRow result, FileSet resultFiles,
            Instant now) {
        return locked(app.id(), () -> {
            RevisionRow draft = store.db().read(c -> draftOf(c, app.id()));
            boolean draftHoldsResult = draft.treeHash().equals(result.treeHash());
            if (!draft.id().equals(baseRevisionId) && !draftHoldsResult) {
                return ApplyOutcome.DRAFT_MOVED;
            }
            if (app.workspacePath() != null) {
                FileSet folder = scanFolder(app);
                if (!folder.treeHash().equals(managed(resultFiles).treeHash())) {
                    FileSet base = store.db().read(c -> revisions.load(c, baseRevisionId));
                    if (!folder.treeHash().equals(managed(base).treeHash())) {
                        return ApplyOutcome.FOLDER_CHANGED;
                    }
                    FolderWriter.apply(Path.of(app.workspacePath()), folder, resultFiles);
                }
            }
            if (!draftHoldsResult) {
                store.db().write(c -> {
                    store.apps().setDraft(c, app.id(), result.id());
                    return null;
                });
            }
            return ApplyOutcome.APPLIED;
        });
    }

    /**
     * Makes a new draft holding {@code files} (a restore), after saving any folder edits as their own revision so
     * they stay restorable. The folder is written first; the new revision and the pointer follow in one transaction.
     *
     * @throws AppFolderException when the folder cannot be written; the draft is as it was
     */
    public RevisionRow replace(App app, FileSet files, String source, Instant now) {
        return locked(app.id(), () -> {
            Synced current = syncLocked(app, now);
            if (app.workspacePath() != null) {
                FolderWriter.apply(Path.of(app.workspacePath()), current.folder(), files);
            }
            return store.db().write(c -> {
                RevisionRow r = revisions.create(c, app.id(), files, source, current.draft().id(), null, now);
                store.apps().setDraft(c, app.id(), r.id());
                return r;
            });
        });
    }

    /** The draft after a sync, and what the folder held (empty for an app without a folder). */
    private record Synced(RevisionRow draft, FileSet folder) {
    }

    private Synced syncLocked(App app, Instant now) {
        App fresh = store.db().read(c -> store.apps().findAnyTenant(c, app.id()))
                .orElseThrow(() -> new StoreException("App " + app.id() + " vanished", null));
        if (fresh.workspacePath() == null) {
            return new Synced(store.db().read(c -> draftOf(c, app.id())), FileSet.empty());
        }
        FileSet folder = scanFolder(fresh);
        return new Synced(store.db().write(c -> {
            RevisionRow draft = draftOf(c, app.id());
            if (folder.treeHash().equals(draft.treeHash())
                    || folder.treeHash().equals(managed(revisions.load(c, draft.id())).treeHash())) {
                return draft;
            }
            RevisionRow r = revisions.create(c, app.id(), folder, Revisions.SOURCE_FOLDER, draft.id(), null, now);
            store.apps().setDraft(c, app.id(), r.id());
            return r;
        }), folder);
    }

    private RevisionRow draftOf(Connection c, String appId) throws SQLException {
        App app = store.apps().findAnyTenant(c, appId)
                .orElseThrow(() -> new StoreException("App " + appId + " vanished", null));
        return store.revisions().find(c, appId, app.currentDraftRevisionId())
                .orElseThrow(() -> new StoreException("Draft of app " + appId + " is missing", null));
    }

    /** The part of a revision a folder scan can see (a revision stored under older rules may hold more). */
    private FileSet managed(FileSet files) {
        Map<String, byte[]> kept = new TreeMap<>();
        files.contents().forEach((path, bytes) -> {
            if (rules.accepts(path)) {
                kept.put(path, bytes);
            }
        });
        return kept.size() == files.size() ? files : FileSet.of(kept);
    }

    /** True when {@code folder} is (or is inside) a path the scans never enter: the data folder. */
    public boolean isExcluded(Path folder) {
        try {
            return rules.excludes(folder.toRealPath());
        } catch (IOException e) {
            return rules.excludes(folder.toAbsolutePath().normalize());
        }
    }

    /**
     * Reads a folder under the app-folder rules.
     *
     * @throws AppFolderException when it is too large or cannot be read
     */
    public FileSet scan(Path folder) {
        try {
            return FolderScanner.scan(folder, rules);
        } catch (IOException e) {
            String where = e instanceof FileSystemException fse && fse.getFile() != null
                    ? relativeName(folder, Path.of(fse.getFile())) : "";
            String why = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                    : "an input/output error";
            throw new AppFolderException(AppFolderException.Kind.UNREADABLE, "Cannot read the app folder"
                    + (where.isEmpty() ? "" : " at " + where) + ": " + why + ".", e);
        }
    }

    /** Reads a folder-backed app's folder. */
    public FileSet scanFolder(App app) {
        return scan(Path.of(app.workspacePath()));
    }

    private static String relativeName(Path root, Path file) {
        try {
            Path real = root.toRealPath();
            return file.startsWith(real) ? FolderScanner.relative(real, file)
                    : file.startsWith(root) ? FolderScanner.relative(root, file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private <T> T locked(String appId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(appId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
