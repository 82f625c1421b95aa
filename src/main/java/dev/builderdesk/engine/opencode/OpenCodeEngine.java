package dev.builderdesk.engine.opencode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.engine.Engine;
import dev.builderdesk.engine.EngineOutcome;
import dev.builderdesk.engine.EngineRun;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.HistoryMessage;
import dev.builderdesk.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a turn on OpenCode: a local {@code opencode serve} per run in the run's sandbox, one session, the pinned
 * model named on the prompt, and its {@code /event} stream mapped onto ours. Cancel is fail-closed: unless
 * OpenCode confirms the abort and goes idle, the run fails with {@code OPENCODE_CANCEL_UNCONFIRMED}.
 */
public final class OpenCodeEngine implements Engine {
    private static final System.Logger LOG = System.getLogger(OpenCodeEngine.class.getName());
    private static final JsonNode STREAM_ENDED = Json.object().put("type", "builderdesk.stream.ended");
    private static final long CONFIRM_MILLIS = 5_000;

    private final OpenCodeLauncher launcher;

    public OpenCodeEngine(OpenCodeLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public EngineOutcome run(EngineRun run) {
        if (run.endpoint().baseUrl() == null) {
            return new EngineOutcome.Failed(ErrorCodes.ENGINE_FAILED,
                    "The OpenCode engine needs a model served over HTTP; this model is not");
        }
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        AtomicReference<InputStream> stream = new AtomicReference<>();
        Thread reader = null;
        try (OpenCodeServer server = launcher.start(run.runId(), run.sandbox().root(), run.endpoint(),
                run.providerModelId())) {
            OpenCodeApi api = new OpenCodeApi(server);
            String session = api.createSession("Builder Desk run " + run.runId());
            reader = Thread.ofVirtual().name("opencode-events-" + run.runId()).start(() -> {
                try {
                    api.events(events::add, stream::set);
                } catch (IOException | InterruptedException e) {
                    LOG.log(System.Logger.Level.DEBUG, "OpenCode event stream closed: " + e.getMessage());
                } finally {
                    events.add(STREAM_ENDED);
                }
            });
            JsonNode first = events.poll(10, TimeUnit.SECONDS);
            if (first == null || first == STREAM_ENDED) {
                return new EngineOutcome.Failed(ErrorCodes.ENGINE_FAILED, "OpenCode's event stream did not open");
            }
            OpenCodeEventMapper mapper = new OpenCodeEventMapper(session, run.events(), run.retries().maxAttempts(),
                    run.maxSteps());
            api.promptAsync(session, OpenCodeLauncher.PROVIDER_ID, run.providerModelId(), promptText(run.history()));
            return follow(run, api, session, events, mapper);
        } catch (IOException e) {
            return new EngineOutcome.Failed(ErrorCodes.ENGINE_FAILED, "OpenCode failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EngineOutcome.Stopped();
        } finally {
            closeQuietly(stream.get());
            if (reader != null) {
                reader.interrupt();
            }
            launcher.discard(run.runId());
        }
    }

    private EngineOutcome follow(EngineRun run, OpenCodeApi api, String session, BlockingQueue<JsonNode> events,
            OpenCodeEventMapper mapper) throws InterruptedException {
        while (true) {
            if (run.cancellation().isCancelled()) {
                return cancel(api, session, events, mapper);
            }
            JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event == null) {
                continue;
            }
            if (event == STREAM_ENDED) {
                return new EngineOutcome.Failed(ErrorCodes.ENGINE_FAILED,
                        "OpenCode's event stream ended before the turn did");
            }
            switch (mapper.accept(event)) {
                case IDLE -> {
                    return mapper.failure().<EngineOutcome>map(f -> new EngineOutcome.Failed(f.code(), f.message()))
                            .orElseGet(() -> new EngineOutcome.Completed(mapper.lastText()));
                }
                case UNKNOWN_FINISH_LOOP -> {
                    abortQuietly(api, session);
                    return new EngineOutcome.Failed(ErrorCodes.PROVIDER_STREAM_INCOMPLETE, "The provider's stream"
                            + " ended without a finish reason " + OpenCodeEventMapper.UNKNOWN_FINISH_LIMIT
                            + " steps in a row; the turn was stopped");
                }
                case RETRIES_EXHAUSTED -> {
                    abortQuietly(api, session);
                    String message = mapper.lastRetry().map(OpenCodeEventMapper.Failure::message).orElse("");
                    return new EngineOutcome.Failed(ErrorCodes.PROVIDER_UNAVAILABLE, message + " (gave up after "
                            + run.retries().maxAttempts() + " attempts)");
                }
                case BUDGET_REACHED -> {
                    abortQuietly(api, session);
                    return new EngineOutcome.BudgetReached(mapper.steps());
                }
                case CONTINUE -> {
                }
            }
        }
    }

    /** Aborts and waits for OpenCode to go idle; anything short of that is an unconfirmed cancel. */
    private EngineOutcome cancel(OpenCodeApi api, String session, BlockingQueue<JsonNode> events,
            OpenCodeEventMapper mapper) throws InterruptedException {
        boolean accepted;
        try {
            accepted = api.abort(session);
        } catch (IOException e) {
            accepted = false;
        }
        if (accepted) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONFIRM_MILLIS);
            while (System.nanoTime() < deadline) {
                JsonNode event = events.poll(50, TimeUnit.MILLISECONDS);
                if (event == STREAM_ENDED) {
                    break;
                }
                if (event != null && mapper.accept(event) == OpenCodeEventMapper.Signal.IDLE) {
                    return new EngineOutcome.Stopped();
                }
            }
        }
        return new EngineOutcome.Failed(ErrorCodes.OPENCODE_CANCEL_UNCONFIRMED, "OpenCode cancellation not confirmed");
    }

    /** The conversation as one prompt: OpenCode keeps its own history, and each run has a fresh session. */
    static String promptText(List<HistoryMessage> history) {
        if (history.size() <= 1) {
            return history.isEmpty() ? "" : history.get(history.size() - 1).content();
        }
        StringBuilder text = new StringBuilder("Conversation context:\n");
        for (HistoryMessage m : history.subList(0, history.size() - 1)) {
            text.append(m.role()).append(": ").append(m.content()).append('\n');
        }
        return text.append("\nCurrent user request:\n").append(history.get(history.size() - 1).content()).toString();
    }

    private static void abortQuietly(OpenCodeApi api, String session) {
        try {
            api.abort(session);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "OpenCode abort failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
