package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.client.Errors;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renaming and deleting threads ({@code PATCH} / {@code DELETE /chat-sessions/{id}}, ours): coded 4xx for bad
 * titles, 404 for unknown or foreign threads, 409 while a run of the thread is going; deleted threads' runs stay.
 */
class ChatSessionRoutesTest extends ServerTestBase {
    String agent;

    @BeforeEach
    void start() {
        start(TestServer.Options.defaults(), "empty");
        agent = "/admin/apps/" + app + "/coding-agent";
    }

    /** A finished run in a new thread; returns the run. */
    private JsonNode finishedRun(String prompt) {
        JsonNode run = server.createRun(app, Map.of("input", prompt));
        return server.awaitStatus(app, run.get("run_id").asText(), "completed");
    }

    private String session(JsonNode run) {
        return run.get("chat_session_id").asText();
    }

    @Test
    void renameSetsTheCollapsedTitleAndKeepsTheListOrder() {
        String older = session(finishedRun("first prompt"));
        String newer = session(finishedRun("second prompt"));
        JsonNode before = server.owner().get(agent + "/chat-sessions/" + older).json().get("session");

        Api.Resp renamed = server.owner().send("PATCH", agent + "/chat-sessions/" + older,
                Map.of("title", "  Header   colours\n fixed "));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("id").asText()).isEqualTo(older);
        assertThat(renamed.json().get("title").asText()).isEqualTo("Header colours fixed");
        assertThat(renamed.json().get("last_message_at").asText()).isEqualTo(before.get("last_message_at").asText());

        JsonNode list = server.owner().get(agent + "/chat-sessions").json();
        assertThat(list.findValuesAsText("id")).containsExactly(newer, older);
        assertThat(list.get(1).get("title").asText()).isEqualTo("Header colours fixed");
        assertThat(server.owner().get(agent + "/chat-sessions/" + older).json().get("messages")).hasSize(2);

        ChatSession typed = client().renameChatSession(app, older, "x".repeat(80));
        assertThat(typed.title()).hasSize(80);
    }

    @Test
    void blankOrTooLongTitlesAreCoded400OnTitleAndBadShapesAre422() {
        String id = session(finishedRun("a prompt"));
        for (String title : List.of("", "   \n\t ", "y".repeat(81))) {
            Api.Resp r = server.owner().send("PATCH", agent + "/chat-sessions/" + id, Map.of("title", title));
            assertThat(r.status()).as(title).isEqualTo(400);
            assertThat(r.detail().get("code").asText()).isEqualTo("CHAT_SESSION_TITLE_INVALID");
            assertThat(r.detail().get("field").asText()).isEqualTo("title");
            assertThat(r.detail().get("message").asText()).isNotBlank();
        }
        Errors.BadRequestException typed = catchThrowableOfType(Errors.BadRequestException.class,
                () -> client().renameChatSession(app, id, " "));
        assertThat(typed.code()).isEqualTo("CHAT_SESSION_TITLE_INVALID");
        assertThat(typed.detail().get("field").asText()).isEqualTo("title");
        assertThat(typed.getMessage()).isEqualTo("A thread needs a title.");

        assertThat(server.owner().send("PATCH", agent + "/chat-sessions/" + id, Map.of()).status()).isEqualTo(422);
        assertThat(server.owner().send("PATCH", agent + "/chat-sessions/" + id, Map.of("title", 5)).status())
                .isEqualTo(422);
        assertThat(server.owner().send("PATCH", agent + "/chat-sessions/nope", Map.of("title", "x")).status())
                .isEqualTo(422);
        assertThat(server.owner().get(agent + "/chat-sessions/" + id).json().get("session").get("title").asText())
                .isEqualTo("a prompt");
    }

    @Test
    void unknownForeignAndOtherAppsThreadsAre404AndAMemberMayNotChangeThem() {
        String id = session(finishedRun("a prompt"));
        String unknown = "99999999-9999-4999-8999-999999999999";
        for (String method : List.of("PATCH", "DELETE")) {
            Map<String, Object> body = method.equals("PATCH") ? Map.of("title", "x") : null;
            Api.Resp missing = server.owner().send(method, agent + "/chat-sessions/" + unknown, body);
            assertThat(missing.status()).as(method).isEqualTo(404);
            assertThat(missing.detailText()).isEqualTo("Coding-agent chat session not found");

            String otherApp = server.createApp("other", "empty").get("id").asText();
            Api.Resp elsewhere = server.owner().send(method, "/admin/apps/" + otherApp
                    + "/coding-agent/chat-sessions/" + id, body);
            assertThat(elsewhere.status()).as("a thread of another app").isEqualTo(404);

            Api.Resp foreign = server.api(TestServer.BETA_OWNER).send(method, agent + "/chat-sessions/" + id, body);
            assertThat(foreign.status()).as("another tenant's").isEqualTo(404);
            assertThat(foreign.detailText()).isEqualTo("Published app not found");
            assertThat(foreign.raw()).doesNotContain("a prompt");

            Api.Resp member = server.api(TestServer.ACME_MEMBER).send(method, agent + "/chat-sessions/" + id, body);
            assertThat(member.status()).isEqualTo(403);
            assertThat(member.detailText()).isEqualTo("Missing required scopes: apps.write");
        }
        assertThat(catchThrowableOfType(Errors.NotFoundException.class,
                () -> client().deleteChatSession(app, unknown))).isNotNull();
        assertThat(server.owner().get(agent + "/chat-sessions/" + id).json().get("session").get("title").asText())
                .isEqualTo("a prompt");
    }

    @Test
    void deleteRemovesTheThreadAndItsTurnsButKeepsItsRunsUnlinked() {
        JsonNode run = finishedRun("keep my run");
        String id = session(run);
        String runId = run.get("run_id").asText();
        String kept = session(finishedRun("another thread"));

        ChatSession deleted = client().deleteChatSession(app, id);
        assertThat(deleted.id()).isEqualTo(id);
        assertThat(deleted.title()).isEqualTo("keep my run");

        assertThat(server.owner().get(agent + "/chat-sessions/" + id).status()).isEqualTo(404);
        assertThat(server.owner().get(agent + "/chat-sessions").json().findValuesAsText("id")).containsExactly(kept);
        JsonNode after = server.owner().get(runs(app) + "/" + runId).json();
        assertThat(after.get("status").asText()).isEqualTo("completed");
        assertThat(after.get("chat_session_id").isNull()).as("the run stays, unlinked").isTrue();
        assertThat(server.owner().get(runs(app) + "?chat_session_id=" + id).json()).isEmpty();
        assertThat(server.streamToEnd(app, runId)).isNotEmpty();
        assertThat(server.owner().delete(agent + "/chat-sessions/" + id).status()).as("deleted once").isEqualTo(404);

        Api.Resp reuse = server.owner().post(runs(app), Map.of("input", "more", "chat_session_id", id));
        assertThat(reuse.status()).as("a deleted thread takes no more runs").isEqualTo(404);
    }

    @Test
    void aThreadWhoseRunIsStillGoingIsNotDeleted() throws Exception {
        Semaphore tap = new Semaphore(0);
        server.llm().script("model-a", Reply.onTap(List.of("Hello", " there."), tap));
        JsonNode run = server.createRun(app, Map.of("input", "long answer"));
        String runId = run.get("run_id").asText();
        server.awaitStatus(app, runId, "running");

        Api.Resp busy = server.owner().delete(agent + "/chat-sessions/" + session(run));
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.detail().get("code").asText()).isEqualTo("CHAT_SESSION_BUSY");
        assertThat(busy.detail().get("run_id").asText()).isEqualTo(runId);
        assertThat(busy.detail().get("message").asText()).isEqualTo(
                "A run of this thread is running; stop it before deleting the thread.");
        assertThat(catchThrowableOfType(Errors.ConflictException.class,
                () -> client().deleteChatSession(app, session(run))).code()).isEqualTo("CHAT_SESSION_BUSY");

        tap.release(2);
        server.awaitStatus(app, runId, "completed");
        assertThat(server.owner().delete(agent + "/chat-sessions/" + session(run)).status()).isEqualTo(200);
    }
}
