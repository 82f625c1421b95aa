package dev.builderdesk.server.http;

import dev.builderdesk.protocol.EventType;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.auth.AuthFilter;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.server.runs.BlindMask;
import dev.builderdesk.server.runs.RunService;
import dev.builderdesk.store.EventRepository.EventRow;
import dev.builderdesk.store.RunRow;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET .../runs/{run_id}/stream}: the run's events as SSE with exact framing (CONTRACT.md §5) — a padding
 * comment, {@code id:} + {@code data:} per event, {@code : ping} while idle — from {@code from_seq} (or
 * {@code Last-Event-ID} + 1), ending right after the first terminal event. Written straight to the servlet stream
 * on the request's virtual thread: one flush per batch, so each batch is one HTTP chunk.
 */
public final class StreamRoute implements Handler {
    private static final byte[] PADDING = (":" + " ".repeat(2048) + "\n\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);
    private static final int BATCH = 256;
    private static final java.util.regex.Pattern LAST_EVENT_ID = java.util.regex.Pattern.compile("[0-9]{1,10}");

    private final RunService runs;
    private final EventLog log;
    private final Duration heartbeat;

    public StreamRoute(RunService runs, EventLog log, Duration heartbeat) {
        this.runs = runs;
        this.log = log;
        this.heartbeat = heartbeat;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        Principal who = AuthFilter.principal(ctx);
        who.require(Scopes.APPS_READ);
        String appId = Params.uuidPath(ctx, "app_id");
        String runId = Params.uuidPath(ctx, "run_id");
        long fromSeq = Params.intQuery(ctx, "from_seq", 1, 1, Integer.MAX_VALUE);
        boolean replay = Params.boolQuery(ctx, "replay", true);
        RunRow run = runs.require(who, appId, runId);
        long start = Math.max(fromSeq, lastEventId(ctx) + 1);
        if (!replay) {
            start = Math.max(start, log.lastSeq(run.id()) + 1);
        }
        if (run.status().isFinal() && log.readDurable(run.id(), start - 1, 1).isEmpty()) {
            // Nothing more will ever come: 204 is the one answer that makes an EventSource stop reconnecting
            // (a 200 that ends at once has it back every 3 s, for as long as the tab stays open). Not for a paused
            // run: it may be resumed, and an EventSource stopped by a 204 would never see the rest.
            ctx.status(204);
            return;
        }

        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        ServletOutputStream out = res.getOutputStream();
        try {
            out.write(PADDING);
            out.flush();
            pump(run, start - 1, runs.maskOf(run).orElse(null), out);
        } catch (IOException clientGone) {
            // The client closed the connection; it resumes with from_seq when it comes back.
        }
    }

    /** Writes the events after {@code after}; a blind attempt's are masked (the mask is taken once per stream). */
    private void pump(RunRow run, long after, BlindMask mask, ServletOutputStream out)
            throws IOException, InterruptedException {
        long last = after;
        while (true) {
            List<EventRow> rows = log.read(run.id(), last, BATCH);
            if (rows.isEmpty() && runs.isSettled(run.id())) {
                // The final status and its terminal event commit together, so the database has everything now.
                rows = log.readDurable(run.id(), last, BATCH);
                if (rows.isEmpty()) {
                    return;
                }
            }
            if (!rows.isEmpty()) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream(rows.size() * 256);
                for (EventRow row : rows) {
                    batch.write(frame(row, mask));
                    last = row.seq();
                    if (EventType.fromWire(row.event()).map(EventType::isTerminal).orElse(false)) {
                        out.write(batch.toByteArray());
                        out.flush();
                        return;
                    }
                }
                out.write(batch.toByteArray());
                out.flush();
                continue;
            }
            if (!log.awaitAfter(run.id(), last, heartbeat.toMillis())) {
                out.write(PING);
                out.flush();
            }
        }
    }

    private static byte[] frame(EventRow row, BlindMask mask) {
        String body = mask == null ? row.body() : mask.applyToEvent(row.body());
        return ("id: " + row.seq() + "\ndata: " + body + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code Last-Event-ID: N} resumes after event N: a sequence number as {@code from_seq} takes them, or absent.
     * Anything else is refused rather than read as 0, which would replay the whole run to a confused client.
     */
    private static long lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        if (header == null || header.isEmpty()) {
            return 0;
        }
        if (!LAST_EVENT_ID.matcher(header).matches() || Long.parseLong(header) >= Integer.MAX_VALUE) {
            throw ApiError.badRequest("Invalid Last-Event-ID header");
        }
        return Long.parseLong(header);
    }
}
