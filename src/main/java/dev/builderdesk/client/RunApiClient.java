package dev.builderdesk.client;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.BuilderState;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.protocol.ChatSessionDetail;
import dev.builderdesk.protocol.Checkpoint;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.CreateComparisonRequest;
import dev.builderdesk.protocol.CreateAppRequest;
import dev.builderdesk.protocol.CreateRunRequest;
import dev.builderdesk.protocol.FileContent;
import dev.builderdesk.protocol.FileList;
import dev.builderdesk.protocol.Health;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.ModelList;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.ProviderCheck;
import dev.builderdesk.protocol.ProviderModels;
import dev.builderdesk.protocol.ProviderRequest;
import dev.builderdesk.protocol.RestoreResult;
import dev.builderdesk.protocol.RevisionDiff;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.protocol.VerifyCommand;
import java.util.List;
import java.util.Map;

/**
 * The run API, typed: every route of the contract. Calls block and throw {@link ClientException} subclasses (see
 * {@link Errors}) for error answers and {@link Errors.ServerUnreachableException} when the server cannot be
 * reached; call them off the UI thread. Works against our server and the original platform's. The composition root
 * makes one with {@code client.internal.RunApiClients}; nothing else names the implementation.
 */
public interface RunApiClient {
    /** The connection this client talks to. */
    ServerConnection connection();

    Health health();

    /** {@code GET /models}; null filters are not sent (the server then lists active models only). */
    ModelList listModels(String capabilityType, Boolean isActive, int skip, int limit);

    Model getModel(String modelId);

    /** {@code POST /models} with the given fields ({@code name}, {@code providers}, ...). */
    Model createModel(Map<String, Object> fields);

    /** {@code PUT /models/{id}}: only the given fields change. */
    Model updateModel(String modelId, Map<String, Object> changes);

    Model deleteModel(String modelId);

    List<Provider> listProviders();

    Provider createProvider(ProviderRequest request);

    Provider updateProvider(String providerId, ProviderRequest changes);

    Provider deleteProvider(String providerId);

    /** {@code POST /providers/{id}/discover}: the models the provider lists, each with its capability. */
    default ProviderModels discoverModels(String providerId) {
        return discoverModels(providerId, false);
    }

    /**
     * Discovery; with {@code add} the server also adds the chat models not listed yet (the first few switched on)
     * and returns them in {@link ProviderModels#added()}. Ours.
     */
    ProviderModels discoverModels(String providerId, boolean add);

    /** {@code POST /providers/{id}/test} (ours): whether the provider's model listing answers and takes the key. */
    ProviderCheck testProvider(String providerId);

    List<App> listApps();

    App createApp(CreateAppRequest request);

    App getApp(String appId);

    /**
     * {@code PATCH /admin/apps/{id}} {@code {"verify": …}} (ours): the command that checks each comparison attempt
     * in its sandbox; null removes it. A command the server refuses (a blank program, a timeout out of 1…3600 s)
     * fails with a 422 {@link ClientException}.
     */
    App setVerifyCommand(String appId, VerifyCommand command);

    BuilderState builderState(String appId);

    /** The files of a revision; null means the current draft. */
    FileList files(String appId, String revisionId);

    FileContent fileContent(String appId, String path, String revisionId);

    RevisionDiff diff(String appId, String fromRevisionId, String toRevisionId);

    Run createRun(String appId, CreateRunRequest request);

    /** Newest first; null filters are not sent. */
    List<Run> listRuns(String appId, int limit, String compareGroupId, String chatSessionId);

    Run getRun(String appId, String runId);

    Run resumeRun(String appId, String runId);

    Run cancelRun(String appId, String runId);

    /**
     * Follows a run's events from {@code fromSeq} (1 = from the start). Events reach the listener on the stream's
     * own thread, exactly once each, ending with exactly one terminal event.
     */
    RunStream stream(String appId, String runId, long fromSeq, RunStreamListener listener);

    List<Checkpoint> checkpoints(String appId, int limit);

    /** Restores a checkpoint as the new draft; {@code runId} optionally names the run it came from. */
    RestoreResult restoreCheckpoint(String appId, String checkpointId, String runId);

    List<ChatSession> chatSessions(String appId, int limit);

    ChatSessionDetail chatSession(String appId, String sessionId);

    /**
     * {@code PATCH /chat-sessions/{id}} (ours): renames a thread. A blank or over-long title is a 400
     * {@code CHAT_SESSION_TITLE_INVALID} on {@code title} ({@link Errors.BadRequestException}).
     */
    ChatSession renameChatSession(String appId, String sessionId, String title);

    /**
     * {@code DELETE /chat-sessions/{id}} (ours): deletes a thread and its turns; its runs stay, unlinked. A thread
     * with a queued, running or paused run is a 409 {@code CHAT_SESSION_BUSY} ({@link Errors.ConflictException}).
     */
    ChatSession deleteChatSession(String appId, String sessionId);

    /**
     * {@code POST /compare-groups} (ours): creates a comparison's attempts in one request, all checked before any
     * starts; the group's runs come back in letter order, named by nothing but their letter while it is blind.
     */
    CompareGroup createComparison(String appId, CreateComparisonRequest request);

    List<CompareGroup> compareGroups(String appId, int limit);

    CompareGroup compareGroup(String appId, String groupId);

    CompareGroup setVerdict(String appId, String groupId, Verdict verdict);
}
