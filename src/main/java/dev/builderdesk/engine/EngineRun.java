package dev.builderdesk.engine;

import dev.builderdesk.protocol.HistoryMessage;
import dev.builderdesk.providers.Cancellation;
import dev.builderdesk.providers.ChatProvider;
import dev.builderdesk.providers.ProviderEndpoint;
import dev.builderdesk.providers.RetryPolicy;
import dev.builderdesk.tools.Sandbox;
import java.util.List;
import java.util.Optional;

/**
 * Everything an engine needs to execute one run segment: the conversation (fresh, or the state saved by the last
 * step), the pinned model's provider, the sandbox, where events go, the cancel signal and the step budget.
 *
 * @param history   the normalised messages the run was created with (the prompt is last)
 * @param saved     the state saved after the last completed step, when resuming
 * @param retries   how failed completions are retried
 * @param commitStep called at the end of every step (ADR 0011)
 */
public record EngineRun(
        String runId,
        List<HistoryMessage> history,
        Optional<ConversationState> saved,
        ChatProvider provider,
        ProviderEndpoint endpoint,
        String providerModelId,
        Sandbox sandbox,
        EventSink events,
        Cancellation cancellation,
        int maxSteps,
        RetryPolicy retries,
        StepCommit commitStep) {
}
