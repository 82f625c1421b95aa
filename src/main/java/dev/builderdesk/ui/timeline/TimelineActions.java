package dev.builderdesk.ui.timeline;

import dev.builderdesk.protocol.Run;

/** What a timeline row can ask of the window: open a run's changes, undo a revert, open a link. */
public interface TimelineActions {
    /** "N files changed +a −b" was clicked: show the run's diff. */
    void openChanges(Run run);

    /** Undo on a revert marker. */
    void undoRevert(TimelineItem.RevertMarker marker);

    /** A link in an answer (http, https or mailto), to open in the system browser. */
    void openLink(String url);

    /** Nothing happens; for tests of rows alone. */
    TimelineActions NONE = new TimelineActions() {
        @Override
        public void openChanges(Run run) {
        }

        @Override
        public void undoRevert(TimelineItem.RevertMarker marker) {
        }

        @Override
        public void openLink(String url) {
        }
    };
}
