package dev.builderdesk.workspace;

import dev.builderdesk.protocol.App;
import dev.builderdesk.store.Store;
import dev.builderdesk.store.StoreException;
import dev.builderdesk.store.RevisionRepository.RevisionRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Moves an app's draft pointer and keeps a folder-backed app's folder in step with it. The user's own edits are
 * never lost: before anything reads or replaces the draft, a folder that differs from it becomes a new draft
 * revision first. Operations on one app are serialised by a per-app lock.
 */
public final class Drafts {
    private final Store store;
    private final Revisions revisions;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public Drafts(Store store, Revisions revisions) {
        this.store = store;
        this.revisions = revisions;
    }

    /** Result of applying a run's result to an app. */
    public enum ApplyOutcome { APPLIED, DRAFT_MOVED, FOLDER_CHANGED }

    /** Creates an app's first draft from its initial files and, for a folder-backed app, writes them out. */
    public RevisionRow initialise(App app, FileSet files, String source, Instant now) {
        return locked(app.id(), () -> {
            RevisionRow row = store.db().write(c -> {
                RevisionRow r = revisions.create(c, app.id(), files, source, null, null, now);
                store.apps().setDraft(c, app.id(), r.id());
                return r;
            });
            if (app.workspacePath() != null) {
                writeFolder(app, scanFolder(app), files);
            }
            return row;
        });
    }

    /**
     * The app's current draft, after taking in the folder's content if it differs (source {@code folder}).
     */
    public RevisionRow syncFromFolder(App app, Instant now) {
        return locked(app.id(), () -> syncLocked(app, now));
    }

    /**
     * Makes {@code result} the draft if the draft is still {@code baseRevisionId} and a folder-backed app's folder
     * still holds that revision; otherwise nothing changes and the outcome says why.
     */
    public ApplyOutcome applyIfUnchanged(App app, String baseRevisionId, RevisionRow result, FileSet resultFiles,
            Instant now) {
        return locked(app.id(), () -> {
            FileSet base = store.db().read(c -> revisions.load(c, baseRevisionId));
            if (app.workspacePath() != null && !scanFolder(app).treeHash().equals(base.treeHash())) {
                return ApplyOutcome.FOLDER_CHANGED;
            }
            boolean moved = store.db().write(c -> {
                Optional<App> current = store.apps().findAnyTenant(c, app.id());
                if (current.isEmpty() || !baseRevisionId.equals(current.get().currentDraftRevisionId())) {
                    return false;
                }
                store.apps().setDraft(c, app.id(), result.id());
                return true;
            });
            if (!moved) {
                return ApplyOutcome.DRAFT_MOVED;
            }
            if (app.workspacePath() != null) {
                writeFolder(app, base, resultFiles);
            }
            return ApplyOutcome.APPLIED;
        });
    }

    /**
     * Makes a new draft holding {@code files} (a restore), after saving any folder edits as their own revision so
     * they stay restorable, and writes the folder.
     */
    public RevisionRow replace(App app, FileSet files, String source, Instant now) {
        return locked(app.id(), () -> {
            RevisionRow current = syncLocked(app, now);
            RevisionRow row = store.db().write(c -> {
                RevisionRow r = revisions.create(c, app.id(), files, source, current.id(), null, now);
                store.apps().setDraft(c, app.id(), r.id());
                return r;
            });
            if (app.workspacePath() != null) {
                writeFolder(app, scanFolder(app), files);
            }
            return row;
        });
    }

    private RevisionRow syncLocked(App app, Instant now) {
        return store.db().write(c -> {
            App fresh = store.apps().findAnyTenant(c, app.id())
                    .orElseThrow(() -> new StoreException("App " + app.id() + " vanished", null));
            RevisionRow draft = store.revisions().find(c, app.id(), fresh.currentDraftRevisionId())
                    .orElseThrow(() -> new StoreException("Draft of app " + app.id() + " is missing", null));
            if (fresh.workspacePath() == null) {
                return draft;
            }
            FileSet folder = scanFolder(fresh);
            if (folder.treeHash().equals(draft.treeHash())) {
                return draft;
            }
            RevisionRow r = revisions.create(c, app.id(), folder, Revisions.SOURCE_FOLDER, draft.id(), null, now);
            store.apps().setDraft(c, app.id(), r.id());
            return r;
        });
    }

    /** Reads a folder-backed app's folder. */
    public FileSet scanFolder(App app) {
        try {
            return FolderScanner.scan(Path.of(app.workspacePath()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the app folder " + app.workspacePath(), e);
        }
    }

    private static void writeFolder(App app, FileSet current, FileSet target) {
        try {
            FolderWriter.apply(Path.of(app.workspacePath()), current, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the app folder " + app.workspacePath(), e);
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
