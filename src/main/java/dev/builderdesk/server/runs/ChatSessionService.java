package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.protocol.ChatSessionDetail;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.store.Store;
import java.util.List;

/** Threads of an app: listing and one thread with its turns. */
public final class ChatSessionService {
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
            ChatSession s = store.chatSessions().find(c, app.id(), sessionId)
                    .orElseThrow(() -> ApiError.notFound("Coding-agent chat session not found"));
            return new ChatSessionDetail(s, store.chatSessions().turns(c, s.id()));
        });
    }
}
