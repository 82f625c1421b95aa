package dev.builderdesk.testkit;

import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.testkit.SseStream.Frame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's whole durable event log, read over the stream route, and what it says about the run's time: a run that
 * pauses and is resumed has one segment per execution, each from its {@code plan.updated} to its terminal event.
 */
public final class RunLog {
    private RunLog() {
    }

    /**
     * Every event of a run that has ended for good, across its segments: a stream ends at the first terminal event,
     * so after a {@code run.paused} the log is read on from the next seq. Blocks if the run is still paused.
     */
    public static List<Frame> whole(TestServer server, String appId, String runId) {
        List<Frame> all = new ArrayList<>(server.streamToEnd(appId, runId));
        while (!all.isEmpty() && all.get(all.size() - 1).event().equals("run.paused")) {
            try (SseStream s = server.stream(appId, runId, "?from_seq=" + (all.size() + 1), Map.of())) {
                all.addAll(s.remainingEvents());
            }
        }
        return all;
    }

    /** Each segment's length in whole milliseconds: from a {@code plan.updated} to the next terminal event. */
    public static List<Long> segmentMillis(List<Frame> events) {
        List<Long> segments = new ArrayList<>();
        Instant start = null;
        for (Frame f : events) {
            String type = f.event();
            if (type.equals("plan.updated")) {
                start = ts(f);
            } else if (start != null && type.startsWith("run.") && !type.equals("run.accepted")) {
                segments.add(Duration.between(start, ts(f)).toMillis());
                start = null;
            }
        }
        return segments;
    }

    private static Instant ts(Frame f) {
        return Timestamps.parse(f.data().get("ts").asText());
    }
}
