package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.protocol.ChatSessionDetail;
import dev.builderdesk.protocol.ChatTurn;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Threads of an app: listing, one thread with its turns, and (ours) renaming and deleting one. Deleting keeps the
 * thread's runs, their event logs and checkpoints — they are only unlinked ({@code chat_session_id} becomes null)
 * — and is refused with 409 {@code CHAT_SESSION_BUSY} while one of them is queued, running or paused.
 */
public final class ChatSessionService {
    /** The longest title, as for titles made from a first prompt. */
    public static final int TITLE_LIMIT = 80;
    private static final String NOT_FOUND = "Coding-agent chat session not found";

    private final Store store;
    private final AppService apps;

    public ChatSessionService(Store store, AppService apps) {
        this.store = store;
        this.apps = apps;
    }

    public List<ChatSession> list(Principal who, String appId, int limit) {
        who.require(Scopes.APPS_READ);
        App app = apps.require(who, appId);
        return store.db().read(c -> store.chatSessions().list(c, app.id(), limit));
    }

    public ChatSessionDetail get(Principal who, String appId, String sessionId) {
        who.require(Scopes.APPS_READ);
        App app = apps.require(who, appId);
        return store.db().read(c -> {
            ChatSession s = find(c, app, sessionId);
            List<ChatTurn> turns = new ArrayList<>();
            for (ChatTurn t : store.chatSessions().turns(c, s.id())) {
                turns.add(masked(c, app, t));
            }
            return new ChatSessionDetail(s, turns);
        });
    }

    /** A turn of a blind comparison attempt without a verdict names no model. */
    private ChatTurn masked(Connection c, App app, ChatTurn t) throws SQLException {
        if (t.runId() == null) {
            return t;
        }
        Optional<RunRow> run = store.runs().find(c, app.id(), t.runId());
        if (run.isEmpty()) {
            return t;
        }
        Optional<BlindMask> mask = BlindMask.of(c, store, run.get());
        return mask.isPresent() ? mask.get().apply(t) : t;
    }

    /**
     * {@code PATCH {title}}: the title whitespace-collapsed; blank or over {@value #TITLE_LIMIT} characters → 400
     * {@code CHAT_SESSION_TITLE_INVALID} on {@code title}. The order of the list does not change.
     */
    public ChatSession rename(Principal who, String appId, String sessionId, String requested) {
        who.require(Scopes.APPS_WRITE);
        App app = apps.require(who, appId);
        return store.db().write(c -> {
            ChatSession s = find(c, app, sessionId);
            String title = requested.strip().replaceAll("\\s+", " ");
            if (title.isEmpty()) {
                throw invalidTitle("A thread needs a title.");
            }
            if (title.length() > TITLE_LIMIT) {
                throw invalidTitle("A thread title has at most " + TITLE_LIMIT + " characters (this one has "
                        + title.length() + ").");
            }
            store.chatSessions().rename(c, s.id(), title, Timestamps.now());
            return find(c, app, s.id());
        });
    }

    /** Deletes the thread and its turns; its runs stay, unlinked. Answers the thread as it was. */
    public ChatSession delete(Principal who, String appId, String sessionId) {
        who.require(Scopes.APPS_WRITE);
        App app = apps.require(who, appId);
        return store.db().write(c -> {
            ChatSession s = find(c, app, sessionId);
            var busy = store.runs().findUnsettledInSession(c, app.id(), s.id());
            if (busy.isPresent()) {
                throw ApiError.coded(409, ErrorCodes.CHAT_SESSION_BUSY, null, "A run of this thread is "
                        + busy.get().status().wire() + "; stop it before deleting the thread.",
                        Map.of("run_id", busy.get().id(), "run_status", busy.get().status().wire()));
            }
            store.runs().unlinkSession(c, app.id(), s.id());
            store.chatSessions().delete(c, s.id());
            return s;
        });
    }

    private ChatSession find(Connection c, App app, String sessionId) throws SQLException {
        return store.chatSessions().find(c, app.id(), sessionId).orElseThrow(() -> ApiError.notFound(NOT_FOUND));
    }

    private static ApiError invalidTitle(String message) {
        return ApiError.coded(400, ErrorCodes.CHAT_SESSION_TITLE_INVALID, "title", message, Map.of());
    }
}
