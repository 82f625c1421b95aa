package dev.builderdesk.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.HistoryMessage;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.providers.CancelledException;
import dev.builderdesk.providers.ChatMessage;
import dev.builderdesk.providers.ChatRequest;
import dev.builderdesk.providers.ChatResult;
import dev.builderdesk.providers.ProviderException;
import dev.builderdesk.providers.ToolCall;
import dev.builderdesk.tools.ToolOutput;
import dev.builderdesk.tools.ToolPipeline;
import dev.builderdesk.tools.ToolSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent loop: stream a completion with tools from the pinned model, run each tool call through the pipeline,
 * feed the results back, repeat until the model answers without tool calls. Every step is committed (the
 * conversation saved with the events that close it) before the next one starts, and a saved conversation that
 * already ends with the answer is finished: continuing it asks the model nothing.
 */
public final class NativeEngine implements Engine {
    static final String SYSTEM_PROMPT = """
            You are a coding agent working inside a web app's workspace (a Vite/React-style project).
            Inspect before you edit: list files, read the ones that matter.
            Always pass explicit arguments: `path` for file tools, `from_path` and `to_path` for renames.
            Make the smallest change that does what the user asked, then say briefly what you changed.
            Never claim a change you did not make with a successful tool call. If a tool fails, read its error,
            fix your call and try again. Answer greetings and questions in plain language without tools.""";

    private static final String SKIPPED =
            "{\"ok\":false,\"error\":\"Not executed: the run was stopped\",\"code\":\"TOOL_SKIPPED\"}";

    private final ToolPipeline tools;
    private final List<ObjectNode> toolSchemas;

    public NativeEngine(ToolPipeline tools) {
        this.tools = tools;
        this.toolSchemas = tools.specs().stream().map(ToolSpec::toOpenAiTool).toList();
    }

    @Override
    public EngineOutcome run(EngineRun run) {
        if (run.saved().isPresent() && run.saved().get().endsWithAnswer()) {
            return new EngineOutcome.Completed(run.saved().get().lastText());
        }
        List<ChatMessage> conversation = new ArrayList<>(run.saved().map(ConversationState::messages)
                .orElseGet(() -> initialConversation(run.history())));
        int modelSteps = run.saved().map(ConversationState::modelSteps).orElse(0);
        long inputTokens = run.saved().map(ConversationState::inputTokens).orElse(0L);
        long outputTokens = run.saved().map(ConversationState::outputTokens).orElse(0L);
        int stepsThisSegment = 0;
        String lastAnswer = "";
        while (true) {
            if (run.cancellation().isCancelled()) {
                return new EngineOutcome.Stopped();
            }
            if (stepsThisSegment >= run.maxSteps()) {
                return new EngineOutcome.BudgetReached(stepsThisSegment);
            }
            ChatResult result;
            try {
                result = completeWithRetries(run, new ChatRequest(run.providerModelId(), List.copyOf(conversation),
                        toolSchemas));
            } catch (CancelledException e) {
                return new EngineOutcome.Stopped();
            } catch (ProviderException e) {
                return new EngineOutcome.Failed(e.code(), e.getMessage());
            }
            stepsThisSegment++;
            modelSteps++;
            inputTokens += result.inputTokens();
            outputTokens += result.outputTokens();
            EventPayload usage = new EventPayload.UsageUpdated(inputTokens, outputTokens, modelSteps);
            conversation.add(ChatMessage.assistant(result.content(), result.toolCalls()));
            if (!result.content().isBlank()) {
                lastAnswer = result.content();
            }
            if (result.toolCalls().isEmpty()) {
                // The answer step: its usage and the conversation that ends with the answer are durable together.
                run.commitStep().commit(new ConversationState(List.copyOf(conversation), modelSteps, inputTokens,
                        outputTokens), List.of(usage));
                return new EngineOutcome.Completed(lastAnswer);
            }
            run.events().emit(usage);
            for (ToolCall call : result.toolCalls()) {
                if (run.cancellation().isCancelled()) {
                    conversation.add(ChatMessage.toolResult(call.id(), SKIPPED));
                    continue;
                }
                conversation.add(ChatMessage.toolResult(call.id(), execute(run, call)));
            }
            run.commitStep().commit(new ConversationState(List.copyOf(conversation), modelSteps, inputTokens,
                    outputTokens), List.of());
        }
    }

    /**
     * One model step, retried as the policy allows; every retry is announced with {@code provider.retry} before the
     * wait, so a client can show it and discard the partial text of the failed attempt.
     */
    private static ChatResult completeWithRetries(EngineRun run, ChatRequest request)
            throws ProviderException, CancelledException {
        int attempt = 1;
        while (true) {
            try {
                return run.provider().complete(request,
                        delta -> run.events().emit(new EventPayload.AssistantDelta(delta)), run.cancellation());
            } catch (ProviderException e) {
                if (!e.retryable() || attempt >= run.retries().maxAttempts()) {
                    throw attempt == 1 ? e : new ProviderException(e.code(), e.getMessage() + " (gave up after "
                            + attempt + " attempts)", e.statusCode(), false);
                }
                attempt++;
                Duration wait = run.retries().delayBefore(attempt, e);
                run.events().emit(new EventPayload.ProviderRetry(attempt,
                        run.retries().maxAttempts(), Instant.now().plus(wait), e.getMessage(), e.statusCode()));
                if (!run.cancellation().sleep(wait.toMillis())) {
                    throw new CancelledException();
                }
            }
        }
    }

    private String execute(EngineRun run, ToolCall call) {
        run.events().emit(new EventPayload.ToolStarted(call.name(), call.id(),
                inputOf(call.arguments())));
        long start = System.nanoTime();
        ToolOutput output = tools.execute(call.name(), call.arguments(), run.sandbox());
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        if (output.ok()) {
            run.events().emit(new EventPayload.ToolCompleted(call.name(), call.id(), output.envelope(), durationMs));
        } else {
            run.events().emit(new EventPayload.ToolFailed(call.name(), call.id(), output.envelope(), durationMs),
                    List.of(ToolDiagnostics.from(output.envelope())));
        }
        return Json.write(output.envelope());
    }

    private static JsonNode inputOf(String arguments) {
        try {
            JsonNode parsed = Json.mapper().readTree(arguments == null ? "" : arguments);
            return parsed == null || parsed.isMissingNode() ? Json.object() : parsed;
        } catch (Exception e) {
            return TextNode.valueOf(arguments);
        }
    }

    private static List<ChatMessage> initialConversation(List<HistoryMessage> history) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(SYSTEM_PROMPT));
        history.forEach(m -> messages.add(ChatMessage.of(m.role(), m.content())));
        return messages;
    }
}
