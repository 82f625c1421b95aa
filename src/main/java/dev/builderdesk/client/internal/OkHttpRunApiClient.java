package dev.builderdesk.client.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.RunStream;
import dev.builderdesk.client.RunStreamListener;
import dev.builderdesk.client.ServerConnection;
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
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.ModelList;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.ProviderCheck;
import dev.builderdesk.protocol.ProviderModels;
import dev.builderdesk.protocol.ProviderRequest;
import dev.builderdesk.protocol.RestoreRequest;
import dev.builderdesk.protocol.RestoreResult;
import dev.builderdesk.protocol.RevisionDiff;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.protocol.VerifyCommand;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** {@link RunApiClient} over OkHttp. */
public final class OkHttpRunApiClient implements RunApiClient {
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpRuntime runtime;
    private final ServerConnection connection;
    private final OkHttpClient http;

    public OkHttpRunApiClient(HttpRuntime runtime, ServerConnection connection) {
        this.runtime = runtime;
        this.connection = connection;
        this.http = runtime.http();
    }

    @Override
    public ServerConnection connection() {
        return connection;
    }

    @Override
    public Health health() {
        return call("GET", "/health", null, Map.of(), type(Health.class));
    }

    @Override
    public ModelList listModels(String capabilityType, Boolean isActive, int skip, int limit) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("capability_type", capabilityType);
        query.put("is_active", isActive);
        query.put("skip", skip);
        query.put("limit", limit);
        return call("GET", "/models", null, query, type(ModelList.class));
    }

    @Override
    public Model getModel(String modelId) {
        return call("GET", "/models/" + modelId, null, Map.of(), type(Model.class));
    }

    @Override
    public Model createModel(Map<String, Object> fields) {
        return call("POST", "/models", fields, Map.of(), type(Model.class));
    }

    @Override
    public Model updateModel(String modelId, Map<String, Object> changes) {
        return call("PUT", "/models/" + modelId, changes, Map.of(), type(Model.class));
    }

    @Override
    public Model deleteModel(String modelId) {
        return call("DELETE", "/models/" + modelId, null, Map.of(), type(Model.class));
    }

    @Override
    public List<Provider> listProviders() {
        return call("GET", "/providers", null, Map.of(), list(Provider.class));
    }

    @Override
    public Provider createProvider(ProviderRequest request) {
        return call("POST", "/providers", withoutNulls(request), Map.of(), type(Provider.class));
    }

    @Override
    public Provider updateProvider(String providerId, ProviderRequest changes) {
        return call("PUT", "/providers/" + providerId, withoutNulls(changes), Map.of(), type(Provider.class));
    }

    @Override
    public Provider deleteProvider(String providerId) {
        return call("DELETE", "/providers/" + providerId, null, Map.of(), type(Provider.class));
    }

    @Override
    public ProviderModels discoverModels(String providerId, boolean add) {
        return call("POST", "/providers/" + providerId + "/discover", add ? Map.of("add", true) : Map.of(), Map.of(),
                type(ProviderModels.class));
    }

    @Override
    public ProviderCheck testProvider(String providerId) {
        return call("POST", "/providers/" + providerId + "/test", Map.of(), Map.of(), type(ProviderCheck.class));
    }

    @Override
    public List<App> listApps() {
        return call("GET", "/admin/apps", null, Map.of(), list(App.class));
    }

    @Override
    public App createApp(CreateAppRequest request) {
        return call("POST", "/admin/apps", withoutNulls(request), Map.of(), type(App.class));
    }

    @Override
    public App getApp(String appId) {
        return call("GET", "/admin/apps/" + appId, null, Map.of(), type(App.class));
    }

    @Override
    public App setVerifyCommand(String appId, VerifyCommand command) {
        return call("PATCH", "/admin/apps/" + appId, Collections.singletonMap("verify", command), Map.of(),
                type(App.class));
    }

    @Override
    public BuilderState builderState(String appId) {
        return call("GET", "/admin/apps/" + appId + "/builder/state", null, Map.of(), type(BuilderState.class));
    }

    @Override
    public FileList files(String appId, String revisionId) {
        return call("GET", "/admin/apps/" + appId + "/files", null, optional("revision_id", revisionId),
                type(FileList.class));
    }

    @Override
    public FileContent fileContent(String appId, String path, String revisionId) {
        Map<String, Object> query = new LinkedHashMap<>(optional("revision_id", revisionId));
        query.put("path", path);
        return call("GET", "/admin/apps/" + appId + "/files/content", null, query, type(FileContent.class));
    }

    @Override
    public RevisionDiff diff(String appId, String fromRevisionId, String toRevisionId) {
        return call("GET", "/admin/apps/" + appId + "/revisions/" + fromRevisionId + "/diff/" + toRevisionId, null,
                Map.of(), type(RevisionDiff.class));
    }

    @Override
    public Run createRun(String appId, CreateRunRequest request) {
        return call("POST", agent(appId) + "/runs", request, Map.of(), type(Run.class));
    }

    @Override
    public List<Run> listRuns(String appId, int limit, String compareGroupId, String chatSessionId) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", limit);
        query.put("compare_group_id", compareGroupId);
        query.put("chat_session_id", chatSessionId);
        return call("GET", agent(appId) + "/runs", null, query, list(Run.class));
    }

    @Override
    public Run getRun(String appId, String runId) {
        return call("GET", agent(appId) + "/runs/" + runId, null, Map.of(), type(Run.class));
    }

    @Override
    public Run resumeRun(String appId, String runId) {
        return call("POST", agent(appId) + "/runs/" + runId + "/resume", Map.of("payload", Map.of()), Map.of(),
                type(Run.class));
    }

    @Override
    public Run cancelRun(String appId, String runId) {
        return call("POST", agent(appId) + "/runs/" + runId + "/cancel", Map.of(), Map.of(), type(Run.class));
    }

    @Override
    public RunStream stream(String appId, String runId, long fromSeq, RunStreamListener listener) {
        SseRunStream stream = new SseRunStream(this, http, connection, appId, runId, fromSeq, listener);
        runtime.streams().execute(stream::pump);
        return stream;
    }

    @Override
    public List<Checkpoint> checkpoints(String appId, int limit) {
        return call("GET", agent(appId) + "/checkpoints", null, Map.of("limit", limit), list(Checkpoint.class));
    }

    @Override
    public RestoreResult restoreCheckpoint(String appId, String checkpointId, String runId) {
        return call("POST", agent(appId) + "/checkpoints/" + checkpointId + "/restore", new RestoreRequest(runId),
                Map.of(), type(RestoreResult.class));
    }

    @Override
    public List<ChatSession> chatSessions(String appId, int limit) {
        return call("GET", agent(appId) + "/chat-sessions", null, Map.of("limit", limit), list(ChatSession.class));
    }

    @Override
    public ChatSessionDetail chatSession(String appId, String sessionId) {
        return call("GET", agent(appId) + "/chat-sessions/" + sessionId, null, Map.of(),
                type(ChatSessionDetail.class));
    }

    @Override
    public ChatSession renameChatSession(String appId, String sessionId, String title) {
        return call("PATCH", agent(appId) + "/chat-sessions/" + sessionId, Map.of("title", title), Map.of(),
                type(ChatSession.class));
    }

    @Override
    public ChatSession deleteChatSession(String appId, String sessionId) {
        return call("DELETE", agent(appId) + "/chat-sessions/" + sessionId, null, Map.of(), type(ChatSession.class));
    }

    @Override
    public CompareGroup createComparison(String appId, CreateComparisonRequest request) {
        return call("POST", agent(appId) + "/compare-groups", request, Map.of(), type(CompareGroup.class));
    }

    @Override
    public List<CompareGroup> compareGroups(String appId, int limit) {
        return call("GET", agent(appId) + "/compare-groups", null, Map.of("limit", limit), list(CompareGroup.class));
    }

    @Override
    public CompareGroup compareGroup(String appId, String groupId) {
        return call("GET", agent(appId) + "/compare-groups/" + groupId, null, Map.of(), type(CompareGroup.class));
    }

    @Override
    public CompareGroup setVerdict(String appId, String groupId, Verdict verdict) {
        return call("PUT", agent(appId) + "/compare-groups/" + groupId + "/verdict", verdict, Map.of(),
                type(CompareGroup.class));
    }

    /** A request builder with the connection's headers, for a path and query. */
    Request.Builder request(String path, Map<String, Object> query) {
        HttpUrl base = HttpUrl.get(connection.baseUrl() + path);
        HttpUrl.Builder url = base.newBuilder();
        query.forEach((k, v) -> {
            if (v != null) {
                url.addQueryParameter(k, v.toString());
            }
        });
        Request.Builder b = new Request.Builder().url(url.build());
        if (connection.token() != null) {
            b.header("Authorization", "Bearer " + connection.token());
        }
        if (connection.tenantId() != null) {
            b.header("X-Tenant-ID", connection.tenantId());
        }
        return b;
    }

    private <T> T call(String method, String path, Object body, Map<String, Object> query, JavaType type) {
        RequestBody requestBody = body == null ? (method.equals("POST") || method.equals("PUT")
                ? RequestBody.create("{}", JSON) : null) : RequestBody.create(Json.write(body), JSON);
        Request request = request(path, query).method(method, requestBody).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw ErrorMapper.map(response.code(), text);
            }
            return Json.mapper().readValue(text, type);
        } catch (IOException e) {
            throw new Errors.ServerUnreachableException("Cannot reach the run server at " + connection.baseUrl()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String agent(String appId) {
        return "/admin/apps/" + appId + "/coding-agent";
    }

    private static Map<String, Object> optional(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    private static Map<String, Object> withoutNulls(Object record) {
        Map<String, Object> map = Json.mapper().convertValue(record, new TypeReference<LinkedHashMap<String,
                Object>>() {
        });
        map.values().removeIf(v -> v == null);
        return map;
    }

    private static JavaType type(Class<?> type) {
        return Json.mapper().constructType(type);
    }

    private static JavaType list(Class<?> element) {
        return Json.mapper().getTypeFactory().constructCollectionType(List.class, element);
    }
}
