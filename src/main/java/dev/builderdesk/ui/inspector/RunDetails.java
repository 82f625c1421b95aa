package dev.builderdesk.ui.inspector;

import dev.builderdesk.protocol.ExecutionEngine;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.ui.fx.Durations;
import dev.builderdesk.ui.fx.PauseWords;
import dev.builderdesk.ui.inspector.InspectorViewModel.Action;
import dev.builderdesk.ui.inspector.InspectorViewModel.Field;
import dev.builderdesk.ui.inspector.InspectorViewModel.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the inspector says about a run, as pure functions of the run object: its rows and why an action is off. */
final class RunDetails {
    private RunDetails() {
    }

    /** Why {@code action} does not apply to a run of a known status; empty when it does. */
    static String whyNot(Action action, Run r, RunStatus s, boolean cancelling) {
        if (s == null) {
            return "This client does not know the status '" + r.status() + "'";
        }
        boolean live = s == RunStatus.QUEUED || s == RunStatus.RUNNING;
        return switch (action) {
            case CANCEL -> cancelling ? "Cancelling…" : live ? ""
                    : s == RunStatus.PAUSED ? "The run is paused, not running" : "The run has ended";
            case RESUME -> s == RunStatus.PAUSED ? "" : live ? "The run is still running"
                    : "Only a paused run can be resumed";
            case RETRY -> s == RunStatus.FAILED || s == RunStatus.CANCELLED ? ""
                    : live ? "The run is still running" : "Retry is for a failed or cancelled run";
            case REVERT -> r.checkpointRevisionId() != null ? ""
                    : !s.isFinal() ? "The run has not finished"
                    : s == RunStatus.COMPLETED ? "This run changed no files" : "This run left no checkpoint";
        };
    }

    /** The rows of a run, in order; counters only once a segment has settled (zeros while it runs would lie). */
    static List<Field> rows(Run r, RunStatus s) {
        List<Field> rows = new ArrayList<>();
        rows.add(new Field("Run", r.runId(), Kind.ID));
        rows.add(new Field("Engine", ExecutionEngine.fromWire(r.executionEngine()).map(RunDetails::label)
                .orElse(Objects.requireNonNullElse(r.executionEngine(), "—")), Kind.TEXT));
        rows.add(new Field("Model", modelRow(r), Kind.TEXT));
        if (r.resolvedModelId() != null) {
            rows.add(new Field("Model id", r.resolvedModelId(), Kind.ID));
        }
        rows.add(idOrDash("Base revision", r.baseRevisionId()));
        rows.add(idOrDash("Result revision", r.resultRevisionId()));
        if (s == RunStatus.PAUSED) {
            rows.add(new Field("Paused", pausedDetail(r), Kind.NOTE));
        }
        boolean settled = s != null && s.isSettled();
        if (!settled) {
            rows.add(new Field("Timings", "when the run ends", Kind.TEXT));
        }
        if (r.metrics() != null && settled) {
            var m = r.metrics();
            rows.add(new Field("First token", ms(m.ttftMs()), Kind.TEXT));
            rows.add(new Field("Duration", ms(m.durationMs()), Kind.TEXT));
            rows.add(new Field("Model steps", Integer.toString(m.modelSteps()), Kind.TEXT));
            rows.add(new Field("Tool calls", m.toolCalls() + (m.toolFailures() == 0 ? ""
                    : " · " + m.toolFailures() + " failed"), Kind.TEXT));
            rows.add(new Field("Retries", Integer.toString(m.retries()), Kind.TEXT));
            rows.add(new Field("Files changed", m.filesChanged() == 0 ? "none"
                    : m.filesChanged() + " · +" + m.linesAdded() + " −" + m.linesRemoved(), Kind.TEXT));
        }
        if (r.usage() != null && settled) {
            rows.add(new Field("Tokens", r.usage().inputTokens() + " in · " + r.usage().outputTokens() + " out",
                    Kind.TEXT));
        }
        if (r.error() != null) {
            rows.add(new Field("Error", r.error(), Kind.NOTE));
        }
        if (r.errorCode() != null) {
            rows.add(new Field("Error code", r.errorCode(), Kind.CODE));
        }
        if (r.warnings() != null) {
            r.warnings().forEach(w -> rows.add(new Field("Warning", w, Kind.NOTE)));
        }
        return rows;
    }

    /** The "Paused" row: why the run is paused (the step budget, a server shutdown) and what Resume does. */
    static String pausedDetail(Run r) {
        return PauseWords.of(r);
    }

    /** "asked → got": Auto and the model it resolved to, or the model asked for when that is the one that ran. */
    static String modelRow(Run r) {
        String got = r.resolvedModelName() != null ? r.resolvedModelName()
                : Objects.requireNonNullElse(r.resolvedModelId(), "—");
        if (r.requestedModelId() == null) {
            return "Auto → " + got;
        }
        return r.requestedModelId().equals(r.resolvedModelId()) ? got
                : InspectorViewModel.shortId(r.requestedModelId()) + " → " + got;
    }

    private static Field idOrDash(String label, String id) {
        return id == null ? new Field(label, "—", Kind.TEXT) : new Field(label, id, Kind.ID);
    }

    /** The status a wire spelling names, or null for one this client does not know. */
    static RunStatus parseStatus(String wire) {
        try {
            return wire == null ? null : RunStatus.fromWire(wire);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The badge's word for a status. */
    static String label(RunStatus s) {
        return switch (s) {
            case QUEUED -> "Queued";
            case RUNNING -> "Running";
            case PAUSED -> "Paused";
            case COMPLETED -> "Completed";
            case FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
        };
    }

    /** The engine as the composer names it. */
    static String label(ExecutionEngine e) {
        return switch (e) {
            case NATIVE -> "Native";
            case OPENCODE -> "OpenCode";
        };
    }

    private static String ms(Long millis) {
        return millis == null ? "—" : Durations.format(millis);
    }
}
