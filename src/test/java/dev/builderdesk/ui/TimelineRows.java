package dev.builderdesk.ui;

import dev.builderdesk.ui.timeline.TimelineItem;
import java.util.List;
import java.util.stream.Collectors;

/** Reading a timeline's rows in tests: the answer's text, the model a turn was labelled with. */
final class TimelineRows {
    private TimelineRows() {
    }

    /** Every text block's Markdown, in order, joined by blank lines. */
    static String text(List<TimelineItem> items) {
        return items.stream().filter(i -> i instanceof TimelineItem.TextBlock)
                .map(i -> ((TimelineItem.TextBlock) i).markdown()).collect(Collectors.joining("\n\n"));
    }

    /** The model label of the last turn's header, or "" if there is none. */
    static String lastHeader(List<TimelineItem> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i) instanceof TimelineItem.TurnHeader h) {
                return h.modelLabel();
            }
        }
        return "";
    }

    /** Whether some text block contains {@code text}. */
    static boolean anyText(List<TimelineItem> items, String text) {
        return items.stream().anyMatch(i -> i instanceof TimelineItem.TextBlock b && b.markdown().contains(text));
    }
}
