package dev.builderdesk.engine.opencode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.engine.EventSink;
import dev.builderdesk.engine.opencode.OpenCodeEventMapper.Signal;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import dev.builderdesk.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenCode events (shapes as recorded from opencode-ai 1.18.33) mapped to ours, and the turn-ending signals. */
class OpenCodeEventMapperTest {
    record Emitted(EventType type, EventPayload payload, List<Diagnostic> diagnostics) {
    }

    final List<Emitted> emitted = new ArrayList<>();
    final EventSink sink = (payload, diagnostics) -> emitted.add(new Emitted(payload.type(), payload,
            diagnostics));
    final OpenCodeEventMapper mapper = new OpenCodeEventMapper("ses_1", sink, 3, 30);

    private Signal feed(String json) {
        try {
            return mapper.accept(Json.mapper().readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assistant(String id) {
        feed("{'type':'message.updated','properties':{'sessionID':'ses_1','info':{'id':'" + id
                + "','role':'assistant','sessionID':'ses_1'}}}");
    }

    @Test
    void deltasOfAssistantMessagesBecomeTextAndSnapshotsFillWhatDeltasMissed() {
        feed("{'type':'message.updated','properties':{'sessionID':'ses_1','info':{'id':'u1','role':'user'}}}");
        feed("{'type':'message.part.delta','properties':{'sessionID':'ses_1','messageID':'u1','partID':'p0',"
                + "'field':'text','delta':'the prompt'}}");
        assistant("a1");
        feed("{'type':'message.part.delta','properties':{'sessionID':'ses_1','messageID':'a1','partID':'p1',"
                + "'field':'text','delta':'Hello '}}");
        feed("{'type':'message.part.updated','properties':{'part':{'id':'p1','type':'text','messageID':'a1',"
                + "'sessionID':'ses_1','text':'Hello world'}}}");
        feed("{'type':'message.part.delta','properties':{'sessionID':'other','messageID':'a1','partID':'p1',"
                + "'field':'text','delta':'not ours'}}");
        assertThat(emitted).extracting(e -> ((EventPayload.AssistantDelta) e.payload()).content())
                .containsExactly("Hello ", "world");
        assertThat(mapper.lastText()).isEqualTo("Hello world");
    }

    @Test
    void toolPartsBecomeStartedAndFailedWithDiagnostics() {
        assistant("a1");
        String part = "{'type':'message.part.updated','properties':{'part':{'id':'t1','type':'tool','callID':'call_1',"
                + "'tool':'read','messageID':'a1','sessionID':'ses_1','state':%s}}}";
        feed(part.formatted("{'status':'pending','input':{}}"));
        feed(part.formatted("{'status':'running','input':{'filePath':'x.txt'},'time':{'start':1000}}"));
        feed(part.formatted("{'status':'error','input':{'filePath':'x.txt'},'error':'File not found: x.txt',"
                + "'time':{'start':1000,'end':1016}}"));
        feed(part.formatted("{'status':'error','input':{},'error':'repeated snapshot'}"));
        assertThat(emitted).extracting(Emitted::type).containsExactly(EventType.TOOL_STARTED, EventType.TOOL_FAILED);
        var failed = (EventPayload.ToolFinished) emitted.get(1).payload();
        assertThat(failed.spanId()).isEqualTo("call_1");
        assertThat(failed.durationMs()).isEqualTo(16);
        assertThat(emitted.get(1).diagnostics().get(0)).isEqualTo(Diagnostic.of("File not found: x.txt",
                "TOOL_EXECUTION_FAILED"));
    }

    @Test
    void threeEmptyUnknownFinishesInARowTripTheGuard() {
        String finish = "{'type':'message.part.updated','properties':{'part':{'type':'step-finish','sessionID':"
                + "'ses_1','reason':'%s','tokens':{'input':10,'output':%d}}}}";
        assertThat(feed(finish.formatted("unknown", 0))).isEqualTo(Signal.CONTINUE);
        assertThat(feed(finish.formatted("unknown", 3))).as("output resets the count").isEqualTo(Signal.CONTINUE);
        assertThat(feed(finish.formatted("unknown", 0))).isEqualTo(Signal.CONTINUE);
        assertThat(feed(finish.formatted("unknown", 0))).isEqualTo(Signal.CONTINUE);
        assertThat(feed(finish.formatted("unknown", 0))).isEqualTo(Signal.UNKNOWN_FINISH_LOOP);
        var usage = (EventPayload.UsageUpdated) emitted.get(emitted.size() - 1).payload();
        assertThat(usage.inputTokens()).isEqualTo(50);
        assertThat(usage.outputTokens()).isEqualTo(3);
        assertThat(usage.modelSteps()).isEqualTo(5);
    }

    @Test
    void retriesAreAnnouncedUntilOurLimit() {
        String retry = "{'type':'session.status','properties':{'sessionID':'ses_1','status':{'type':'retry',"
                + "'attempt':%d,'message':'upstream overloaded','next':1795260850033}}}";
        assertThat(feed(retry.formatted(1))).isEqualTo(Signal.CONTINUE);
        assertThat(feed(retry.formatted(2))).isEqualTo(Signal.CONTINUE);
        assertThat(feed(retry.formatted(3))).isEqualTo(Signal.RETRIES_EXHAUSTED);
        assertThat(emitted).extracting(e -> ((EventPayload.ProviderRetry) e.payload()).attempt())
                .containsExactly(2, 3);
        assertThat(mapper.lastRetry().orElseThrow().message()).isEqualTo("upstream overloaded");
    }

    @Test
    void sessionErrorsAreClassifiedAndAnAbortIsNotAFailure() {
        assertThat(OpenCodeEventMapper.classify(error("APIError", "invalid api key", 401)).code())
                .isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(OpenCodeEventMapper.classify(error("APIError", "slow down", 429)).code())
                .isEqualTo("PROVIDER_RATE_LIMITED");
        assertThat(OpenCodeEventMapper.classify(error("APIError", "maximum context length exceeded", 400)).code())
                .isEqualTo("CONTEXT_OVERFLOW");
        assertThat(OpenCodeEventMapper.classify(error("APIError", "bad field", 400)).code())
                .isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(OpenCodeEventMapper.classify(error("APIError", "boom", 503)).code())
                .isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(OpenCodeEventMapper.classify(error("ContextOverflowError", "too long", 0)).code())
                .isEqualTo("CONTEXT_OVERFLOW");
        assertThat(OpenCodeEventMapper.classify(error("UnknownError", "Model not found: x/y.", 0)).message())
                .isEqualTo("OpenCode: Model not found: x/y.");
        assertThat(OpenCodeEventMapper.classify(error("MessageAbortedError", "Aborted", 0))).isNull();
        feed("{'type':'session.error','properties':{'sessionID':'ses_1','error':{'name':'MessageAbortedError',"
                + "'data':{'message':'Aborted'}}}}");
        assertThat(mapper.failure()).isEmpty();
        assertThat(feed("{'type':'session.idle','properties':{'sessionID':'ses_1'}}")).isEqualTo(Signal.IDLE);
        assertThat(feed("{'type':'session.idle','properties':{'sessionID':'ses_2'}}")).isEqualTo(Signal.CONTINUE);
    }

    @Test
    void theHistoryReachesOpenCodeAsOnePrompt() {
        assertThat(OpenCodeEngine.promptText(List.of(new dev.builderdesk.protocol.HistoryMessage("user", "only"))))
                .isEqualTo("only");
        assertThat(OpenCodeEngine.promptText(List.of(new dev.builderdesk.protocol.HistoryMessage("user", "a"),
                new dev.builderdesk.protocol.HistoryMessage("assistant", "b"),
                new dev.builderdesk.protocol.HistoryMessage("user", "c"))))
                .isEqualTo("Conversation context:\nuser: a\nassistant: b\n\nCurrent user request:\nc");
    }

    private static JsonNode error(String name, String message, int status) {
        var e = Json.object().put("name", name);
        var data = e.putObject("data").put("message", message);
        if (status > 0) {
            data.put("statusCode", status);
        }
        return e;
    }
}
