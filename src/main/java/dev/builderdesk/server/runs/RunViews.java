package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;

/** The wire view of a stored run. */
public final class RunViews {
    private RunViews() {
    }

    public static Run toRun(RunRow r) {
        return new Run(r.id(), r.status().wire(), r.engine(), Run.SURFACE, r.appId(), r.baseRevisionId(),
                r.resultRevisionId(), r.checkpointRevisionId(), r.requestedModelId(), r.resolvedModelId(), r.error(),
                r.createdAt(), r.startedAt(), r.completedAt(), r.chatSessionId(), r.compareGroupId(), r.autoApply(),
                r.resolvedModelName(), r.warnings(), r.usage(), r.metrics(), r.input(), r.errorCode(),
                r.clientMessageId(), r.status() == RunStatus.PAUSED ? r.pauseReason() : null);
    }

    /**
     * The run as a client may see it: masked by {@link BlindMask} while it is an attempt of a blind comparison that
     * has no verdict yet. Stored events and payloads stay unmasked; they are masked where they are read.
     */
    public static Run shown(Store store, RunRow r) {
        if (r.compareGroupId() == null) {
            return toRun(r);
        }
        return store.db().read(c -> BlindMask.of(c, store, r)).map(m -> m.apply(toRun(r))).orElseGet(() -> toRun(r));
    }
}
