package dev.builderdesk.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.AppChange;
import dev.builderdesk.protocol.CreateAppRequest;
import dev.builderdesk.protocol.CreateComparisonRequest;
import dev.builderdesk.protocol.CreateRunRequest;
import dev.builderdesk.protocol.HistoryMessage;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.ModelBinding;
import dev.builderdesk.protocol.ModelChange;
import dev.builderdesk.protocol.ProviderChange;
import dev.builderdesk.protocol.RestoreRequest;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.protocol.VerifyCommand;
import dev.builderdesk.server.compare.CompareService;
import dev.builderdesk.server.models.ModelService;
import dev.builderdesk.server.models.ProviderService;
import dev.builderdesk.server.runs.RunService;
import dev.builderdesk.workspace.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Request bodies read into the {@code protocol} records the services take: the shape of each (types, required
 * fields, enums, UUIDs, array items, unknown keys) is checked here, every issue recorded on the {@link JsonBody}
 * for one 422; what a value means (a name free, a model usable) the service decides.
 */
final class Bodies {
    private static final List<String> ENGINES = List.of(RunService.NATIVE, RunService.OPENCODE);
    private static final List<String> OUTCOMES = List.of(Verdict.WINNER, Verdict.TIE, Verdict.ALL_BAD);

    private Bodies() {
    }

    static CreateRunRequest createRun(JsonBody body) {
        String input = body.requiredString("input");
        String modelId = body.optionalUuid("model_id");
        String engine = body.optionalEnum("engine", ENGINES);
        String base = body.optionalUuid("base_revision_id");
        List<JsonNode> rawMessages = body.optionalArray("messages");
        String session = body.optionalUuid("chat_session_id");
        Boolean autoApply = body.optionalBool("auto_apply");
        String compare = body.optionalString("compare_group_id");
        String clientMessageId = body.optionalString("client_message_id");
        List<HistoryMessage> messages = null;
        if (rawMessages != null) {
            messages = new ArrayList<>();
            for (int i = 0; i < rawMessages.size(); i++) {
                JsonNode m = rawMessages.get(i);
                if (!m.isObject()) {
                    body.issue(List.of("body", "messages", i), "Input should be a valid dictionary", "dict_type");
                    continue;
                }
                JsonNode role = m.get("role");
                JsonNode content = m.get("content");
                if ((role != null && !role.isNull() && !role.isTextual())
                        || (content != null && !content.isNull() && !content.isTextual())) {
                    body.issue(List.of("body", "messages", i), "Input should be a valid string", "string_type");
                    continue;
                }
                messages.add(new HistoryMessage(role == null ? null : role.asText(null),
                        content == null ? null : content.asText(null)));
            }
        }
        return new CreateRunRequest(input, modelId, engine, base, messages, session, autoApply, compare,
                clientMessageId);
    }

    static CreateComparisonRequest comparison(JsonBody body) {
        String input = body.requiredString("input");
        List<JsonNode> rawAttempts = body.optionalArray("attempts");
        Boolean blind = body.optionalBool("blind");
        String base = body.optionalUuid("base_revision_id");
        body.rejectUnknown(Set.of("input", "attempts", "blind", "base_revision_id"));
        List<CreateComparisonRequest.Attempt> attempts = new ArrayList<>();
        if (rawAttempts == null) {
            body.issue(List.of("body", "attempts"), "Field required", "missing");
        } else if (rawAttempts.size() < CompareService.MIN_ATTEMPTS
                || rawAttempts.size() > CompareService.MAX_ATTEMPTS) {
            body.issue(List.of("body", "attempts"), "A comparison has " + CompareService.MIN_ATTEMPTS + " to "
                    + CompareService.MAX_ATTEMPTS + " attempts", "list_length");
        } else {
            for (int i = 0; i < rawAttempts.size(); i++) {
                CreateComparisonRequest.Attempt a = attempt(body, i, rawAttempts.get(i));
                if (a != null) {
                    attempts.add(a);
                }
            }
        }
        return new CreateComparisonRequest(input, attempts, Boolean.TRUE.equals(blind), base);
    }

    private static CreateComparisonRequest.Attempt attempt(JsonBody body, int index, JsonNode item) {
        if (!item.isObject()) {
            body.issue(List.of("body", "attempts", index), "Input should be a valid dictionary", "dict_type");
            return null;
        }
        JsonNode model = item.get("model_id");
        JsonNode engine = item.get("engine");
        String modelId = null;
        if (model != null && !model.isNull()) {
            if (!model.isTextual() || !isUuid(model.asText())) {
                body.issue(List.of("body", "attempts", index, "model_id"), "Input should be a valid UUID",
                        "uuid_parsing");
                return null;
            }
            modelId = model.asText();
        }
        String engineName = null;
        if (engine != null && !engine.isNull()) {
            if (!engine.isTextual() || !ENGINES.contains(engine.asText())) {
                body.issue(List.of("body", "attempts", index, "engine"), "Input should be 'native' or 'opencode'",
                        "literal_error");
                return null;
            }
            engineName = engine.asText();
        }
        return new CreateComparisonRequest.Attempt(modelId, engineName);
    }

    /** A verdict; {@code outcome} absent means a winner when one is named (as CONTRACT §4.7 has it). */
    static Verdict verdict(JsonBody body) {
        String winner = body.optionalUuid("winner_run_id");
        ObjectNode ratingsNode = body.optionalObject("ratings");
        String notes = body.optionalString("notes");
        Boolean blind = body.optionalBool("blind");
        String outcome = body.optionalString("outcome");
        body.rejectUnknown(Set.of("winner_run_id", "ratings", "notes", "blind", "outcome"));
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            body.issue(List.of("body", "outcome"), "Input should be 'winner', 'tie' or 'all_bad'", "literal_error");
        }
        Map<String, Integer> ratings = new LinkedHashMap<>();
        if (ratingsNode != null) {
            ratingsNode.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 5) {
                    body.issue(List.of("body", "ratings", e.getKey()), "Rating must be an integer from 1 to 5",
                            "int_range");
                } else {
                    ratings.put(e.getKey(), v.asInt());
                }
            });
        }
        if (outcome == null && winner == null) {
            body.issue(List.of("body", "outcome"), "A verdict names a winner_run_id or an outcome ('tie', 'all_bad')",
                    "missing");
        }
        return new Verdict(winner, ratings, notes, Boolean.TRUE.equals(blind), outcome);
    }

    static RestoreRequest restore(JsonBody body) {
        return new RestoreRequest(body.optionalUuid("run_id"));
    }

    static String title(JsonBody body) {
        return body.requiredString("title");
    }

    static boolean add(JsonBody body) {
        return Boolean.TRUE.equals(body.optionalBool("add"));
    }

    /** A model to create ({@code name} required) or the changes to one. */
    static ModelChange model(JsonBody body, boolean create) {
        String name = create ? body.requiredString("name") : null;
        String slug = body.optionalString("slug");
        String description = body.optionalString("description");
        String capability = body.optionalEnum("capability_type", ModelService.CAPABILITIES);
        String status = body.optionalEnum("status", ModelService.STATUSES);
        String version = body.optionalString("version");
        ObjectNode metadata = body.optionalObject("metadata");
        ObjectNode policy = body.optionalObject("default_resolution_policy");
        Boolean isActive = body.optionalBool("is_active");
        Boolean isDefault = body.optionalBool("is_default");
        List<JsonNode> providers = body.optionalArray("providers");
        List<ModelBinding> bindings = null;
        if (providers != null) {
            bindings = new ArrayList<>();
            for (int i = 0; i < providers.size(); i++) {
                JsonNode p = providers.get(i);
                if (!p.isObject() || !p.path("provider").isTextual() || !p.path("provider_model_id").isTextual()
                        || p.path("provider_model_id").asText().isBlank()) {
                    body.issue(List.of("body", "providers", i), "Each provider needs string fields provider and"
                            + " provider_model_id", "model_attributes_type");
                    continue;
                }
                bindings.add(new ModelBinding(UUID.randomUUID().toString(), p.get("provider").asText(),
                        p.get("provider_model_id").asText(), p.path("priority").asInt(i),
                        p.path("is_enabled").asBoolean(true),
                        p.path("config").isObject() ? toMap(p.get("config")) : Map.of(),
                        p.path("credentials_ref").isTextual() ? p.get("credentials_ref").asText() : null));
            }
        }
        if (!create) {
            name = body.optionalString("name");
        }
        return new ModelChange(name, slug, description, body.has("description"), capability, status, version,
                metadata == null ? null : toMap(metadata), policy == null ? null : toMap(policy), isActive,
                isDefault, bindings);
    }

    /** A provider to create (with its optional {@code id} and {@code kind}) or the changes to one. */
    static ProviderChange provider(JsonBody body, boolean create) {
        String id = create ? body.optionalString("id") : null;
        String name = create ? body.requiredString("name") : body.optionalString("name");
        String kind = create ? body.optionalEnum("kind", ProviderService.KINDS) : null;
        String baseUrl = body.optionalString("base_url");
        String apiKey = body.optionalString("api_key");
        String apiKeyEnv = body.optionalString("api_key_env");
        Boolean enabled = body.optionalBool("enabled");
        return new ProviderChange(id, name, kind, baseUrl, apiKey, body.has("api_key"), apiKeyEnv,
                body.has("api_key_env"), enabled);
    }

    static CreateAppRequest createApp(JsonBody body) {
        String name = body.requiredString("name");
        String template = body.optionalEnum("template", List.of(Templates.VITE_REACT, Templates.EMPTY));
        return new CreateAppRequest(name, template, body.optionalString("workspace_path"));
    }

    static AppChange changeApp(JsonBody body) {
        body.rejectUnknown(Set.of("name", "verify"));
        String name = body.optionalString("name");
        boolean verifyGiven = body.has("verify");
        return new AppChange(name, verifyGiven ? verify(body) : null, verifyGiven);
    }

    /** The body's {@code verify} (null when it is null or invalid; the issues are recorded in {@code body}). */
    private static VerifyCommand verify(JsonBody body) {
        ObjectNode node = body.optionalObject("verify");
        if (node == null) {
            return null;
        }
        JsonNode argvNode = node.get("argv");
        List<String> argv = new ArrayList<>();
        if (argvNode == null || !argvNode.isArray() || argvNode.isEmpty()
                || argvNode.size() > VerifyCommand.MAX_ARGS) {
            body.issue(List.of("body", "verify", "argv"), "Input should be a list of 1 to " + VerifyCommand.MAX_ARGS
                    + " strings: the program, then its arguments", "list_type");
        } else {
            for (int i = 0; i < argvNode.size(); i++) {
                JsonNode arg = argvNode.get(i);
                if (!arg.isTextual() || arg.asText().length() > VerifyCommand.MAX_ARG_CHARS
                        || arg.asText().indexOf('\0') >= 0 || (i == 0 && arg.asText().isBlank())) {
                    body.issue(List.of("body", "verify", "argv", i), i == 0
                            ? "The program must be a non-blank string" : "Input should be a valid string of at most "
                            + VerifyCommand.MAX_ARG_CHARS + " characters, without NUL", "string_type");
                } else {
                    argv.add(arg.asText());
                }
            }
        }
        JsonNode timeoutNode = node.get("timeout_s");
        int timeout = VerifyCommand.DEFAULT_TIMEOUT_S;
        if (timeoutNode != null && !timeoutNode.isNull()) {
            if (!timeoutNode.isIntegralNumber() || !timeoutNode.canConvertToInt() || timeoutNode.asInt() < 1
                    || timeoutNode.asInt() > VerifyCommand.MAX_TIMEOUT_S) {
                body.issue(List.of("body", "verify", "timeout_s"), "Input should be an integer from 1 to "
                        + VerifyCommand.MAX_TIMEOUT_S, "int_range");
            } else {
                timeout = timeoutNode.asInt();
            }
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!field.equals("argv") && !field.equals("timeout_s")) {
                body.issue(List.of("body", "verify", field), "Extra inputs are not permitted", "extra_forbidden");
            }
        });
        return argvNode != null && argvNode.isArray() && argv.size() == argvNode.size()
                ? new VerifyCommand(argv, timeout) : null;
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node) {
        return new LinkedHashMap<>(Json.mapper().convertValue(node, Map.class));
    }
}
