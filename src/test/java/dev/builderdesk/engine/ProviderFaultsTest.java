package dev.builderdesk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Provider failures over real HTTP: classified into the contract's codes, retried only when retryable. */
class ProviderFaultsTest extends ServerTestBase {
    @BeforeEach
    void start() {
        start(TestServer.Options.defaults(), "empty");
    }

    private List<Frame> run(Reply... replies) {
        server.llm().script("model-a", replies);
        String run = server.createRun(app, Map.of("input", "go")).get("run_id").asText();
        return server.streamToEnd(app, run);
    }

    private static Frame last(List<Frame> events) {
        return events.get(events.size() - 1);
    }

    private static List<Frame> of(List<Frame> events, String type) {
        return events.stream().filter(f -> f.event().equals(type)).toList();
    }

    @Test
    void aRejectedKeyFailsAtOnceWithoutRetry() {
        List<Frame> events = run(Reply.status(401, "Incorrect API key provided"));
        Frame failed = last(events);
        assertThat(failed.event()).isEqualTo("run.failed");
        JsonNode diagnostic = failed.data().get("diagnostics").get(0);
        assertThat(diagnostic.get("code").asText()).isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(diagnostic.get("message").asText()).isEqualTo("The provider rejected the API key (401)");
        assertThat(failed.data().get("payload").get("error_code").asText()).isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(of(events, "provider.retry")).isEmpty();
        assertThat(server.llm().requests()).hasSize(1);
    }

    @Test
    void twoServerErrorsThenSuccessAreTwoVisibleRetries() {
        List<Frame> events = run(Reply.status(500, "boom"), Reply.status(503, "overloaded"),
                Reply.text("Third time lucky."));
        List<Frame> retries = of(events, "provider.retry");
        assertThat(retries).hasSize(2);
        JsonNode first = retries.get(0).data().get("payload");
        assertThat(first.get("attempt").asInt()).isEqualTo(2);
        assertThat(first.get("max_attempts").asInt()).isEqualTo(3);
        assertThat(first.get("status_code").asInt()).isEqualTo(500);
        assertThat(first.get("next_at").asText()).endsWith("+00:00");
        assertThat(first.get("message").asText()).contains("500");
        assertThat(retries.get(1).data().get("payload").get("attempt").asInt()).isEqualTo(3);
        assertThat(retries.get(0).data().get("stage").asText()).isEqualTo("run");
        Frame done = last(events);
        assertThat(done.event()).isEqualTo("run.completed");
        assertThat(done.data().get("payload").get("metrics").get("retries").asInt()).isEqualTo(2);
        assertThat(server.llm().requests()).hasSize(3);
    }

    @Test
    void rateLimitingThatNeverEndsFailsAfterTheLastAttempt() {
        List<Frame> events = run(Reply.status(429, "slow down"), Reply.status(429, "slow down"),
                Reply.status(429, "slow down"), Reply.text("never reached"));
        assertThat(of(events, "provider.retry")).hasSize(2);
        JsonNode diagnostic = last(events).data().get("diagnostics").get(0);
        assertThat(diagnostic.get("code").asText()).isEqualTo("PROVIDER_RATE_LIMITED");
        assertThat(diagnostic.get("message").asText()).contains("gave up after 3 attempts");
    }

    @Test
    void aStreamThatEndsWithoutAFinishReasonIsIncompleteAndNotRetried() {
        List<Frame> events = run(Reply.cutOff("Half an ans"), Reply.text("not used"));
        assertThat(last(events).data().get("diagnostics").get(0).get("code").asText())
                .isEqualTo("PROVIDER_STREAM_INCOMPLETE");
        assertThat(server.llm().requests()).hasSize(1);
    }

    @Test
    void aConnectionResetMidStreamIsRetried() {
        List<Frame> events = run(Reply.reset("Partial "), Reply.text("Whole answer."));
        assertThat(of(events, "provider.retry")).hasSize(1);
        assertThat(last(events).event()).isEqualTo("run.completed");
    }

    @Test
    void contextOverflowAndBadRequestsFailAtOnceWithTheirCodes() {
        List<Frame> overflow = run(Reply.status(400,
                "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens"));
        assertThat(last(overflow).data().get("diagnostics").get(0).get("code").asText())
                .isEqualTo("CONTEXT_OVERFLOW");
        List<Frame> bad = run(Reply.status(400, "Unknown parameter: foo"));
        assertThat(last(bad).data().get("diagnostics").get(0).get("code").asText())
                .isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(server.llm().requests()).hasSize(2);
    }

    @Test
    void usageIsReportedAsRunningTotalsAndLandsOnTheRun() {
        List<Frame> events = run(Reply.toolCall("Listing.", "coding_agent_list_files", "{}"), Reply.text("Done."));
        List<Frame> usage = of(events, "usage.updated");
        assertThat(usage).hasSize(2);
        assertThat(usage.get(0).data().get("payload").get("input_tokens").asLong()).isEqualTo(100);
        assertThat(usage.get(1).data().get("payload").get("input_tokens").asLong()).isEqualTo(200);
        assertThat(usage.get(1).data().get("payload").get("model_steps").asInt()).isEqualTo(2);
        JsonNode run = last(events).data().get("payload");
        assertThat(run.get("usage").get("input_tokens").asLong()).isEqualTo(200);
        assertThat(run.get("usage").get("output_tokens").asLong()).isPositive();
        assertThat(run.get("metrics").get("model_steps").asInt()).isEqualTo(2);
        assertThat(run.get("metrics").get("ttft_ms").isNumber()).isTrue();
        assertThat(run.get("metrics").get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
    }
}
