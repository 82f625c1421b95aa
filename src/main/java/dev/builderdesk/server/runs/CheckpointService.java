package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.Checkpoint;
import dev.builderdesk.protocol.RestoreResult;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.protocol.RestoreRequest;
import dev.builderdesk.store.RevisionRepository.RevisionRow;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;
import dev.builderdesk.workspace.Drafts;
import dev.builderdesk.workspace.FileSet;
import dev.builderdesk.workspace.Revisions;
import java.util.List;
import java.util.Optional;

/** Lists checkpoints and restores one as a new draft ("revert to this point", "apply this attempt"). */
public final class CheckpointService {
    private final Store store;
    private final AppService apps;
    private final Revisions revisions;
    private final Drafts drafts;

    public CheckpointService(Store store, AppService apps, Revisions revisions, Drafts drafts) {
        this.store = store;
        this.apps = apps;
        this.revisions = revisions;
        this.drafts = drafts;
    }

    public List<Checkpoint> list(Principal who, String appId, int limit) {
        who.require(Scopes.APPS_READ);
        App app = apps.require(who, appId);
        return store.db().read(c -> store.checkpoints().list(c, app.id(), limit));
    }

    /**
     * Restores a checkpoint; for compatibility the id may also be a revision id of the app (the original's
     * checkpoint ids are revision ids).
     */
    public RestoreResult restore(Principal who, String appId, String checkpointId, RestoreRequest request) {
        who.require(Scopes.APPS_WRITE);
        String runId = request.runId();
        App app = apps.require(who, appId);
        Optional<RunRow> run = Optional.empty();
        if (runId != null) {
            run = Optional.of(store.db().read(c -> store.runs().find(c, app.id(), runId))
                    .orElseThrow(() -> ApiError.notFound("Coding-agent run not found")));
        }
        String revisionId = store.db().read(c -> store.checkpoints().find(c, app.id(), checkpointId)
                .map(Checkpoint::revisionId)
                .or(() -> findRevision(c, app.id(), checkpointId).map(RevisionRow::id)))
                .orElseThrow(() -> ApiError.notFound("Checkpoint revision not found"));
        FileSet files = store.db().read(c -> revisions.load(c, revisionId));
        RevisionRow restored = drafts.replace(app, files, Revisions.SOURCE_RESTORE, Timestamps.now());
        if (run.isPresent()) {
            RunRow updated = run.get().withResult(restored.id(), revisionId);
            store.db().write(c -> {
                store.runs().update(c, updated);
                return null;
            });
        }
        return new RestoreResult(checkpointId, Revisions.summary(restored), runId);
    }

    private Optional<RevisionRow> findRevision(java.sql.Connection c, String appId, String id) {
        try {
            return store.revisions().find(c, appId, id);
        } catch (java.sql.SQLException e) {
            throw new dev.builderdesk.store.StoreException("Cannot read revision " + id, e);
        }
    }
}
