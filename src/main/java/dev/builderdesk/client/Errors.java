package dev.builderdesk.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed errors of the run API. Each is thrown by {@link RunApiClient} for the answer it names; anything else is
 * a plain {@link ClientException}.
 */
public final class Errors {
    private Errors() {
    }

    /** 400 {@code CODING_AGENT_MODEL_UNAVAILABLE}: the chosen model (or, with Auto, every model) is unavailable. */
    public static final class ModelUnavailableException extends ClientException {
        public ModelUnavailableException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }

    }

    /** 400 {@code CODING_AGENT_ENGINE_UNAVAILABLE}: the engine (e.g. OpenCode) cannot run now. */
    public static final class EngineUnavailableException extends ClientException {
        public EngineUnavailableException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }
    }

    /** 400 {@code CODING_AGENT_ENGINE_UNSUPPORTED_RUNTIME}: the engine cannot host this app. */
    public static final class EngineUnsupportedRuntimeException extends ClientException {
        public EngineUnsupportedRuntimeException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }
    }

    /** 409 {@code REVISION_CONFLICT}: the app changed; refresh to {@link #latestRevisionId()} and retry. */
    public static final class RevisionConflictException extends ClientException {
        public RevisionConflictException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }

        public String latestRevisionId() {
            return detail().path("latest_revision_id").asText(null);
        }

        public String latestUpdatedAt() {
            return detail().path("latest_updated_at").asText(null);
        }
    }

    /** 404: the app, run, model, checkpoint, session or comparison does not exist for this token. */
    public static final class NotFoundException extends ClientException {
        public NotFoundException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }
    }

    /** 401: no token, or a token the server does not know. */
    public static final class UnauthorizedException extends ClientException {
        public UnauthorizedException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }
    }

    /** 403: the token lacks a scope, or names another tenant. */
    public static final class ForbiddenException extends ClientException {
        public ForbiddenException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }
    }

    /** 409 with a plain message (e.g. "Run is not paused"). */
    public static final class ConflictException extends ClientException {
        public ConflictException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }
    }

    /**
     * 409 {@code PROVIDER_IN_USE} (ours): the provider cannot be removed now; {@link #reason()} is
     * {@code default_model} (its model is the default for Auto) or {@code active_run} (a run uses its model).
     */
    public static final class ProviderInUseException extends ClientException {
        public ProviderInUseException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }

        public String reason() {
            return detail().path("reason").asText(null);
        }

        /** The model that keeps the provider in use. */
        public String modelName() {
            return detail().path("model_name").asText(null);
        }
    }

    /** 400 with a plain message (e.g. "input is required"). */
    public static final class BadRequestException extends ClientException {
        public BadRequestException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }
    }

    /** 422: the request had the wrong shape; {@link #issues()} says where. */
    public static final class ValidationException extends ClientException {
        public ValidationException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }

        /** One issue: where ({@code ["body","input"]}), what, and its type. */
        public record Issue(List<String> loc, String msg, String type) {
        }

        public List<Issue> issues() {
            List<Issue> issues = new ArrayList<>();
            for (JsonNode i : detail()) {
                List<String> loc = new ArrayList<>();
                i.path("loc").forEach(l -> loc.add(l.asText()));
                issues.add(new Issue(loc, i.path("msg").asText(), i.path("type").asText()));
            }
            return issues;
        }
    }

    /** 413: the request body is over the server's limit. */
    public static final class PayloadTooLargeException extends ClientException {
        public PayloadTooLargeException(int status, String message, JsonNode detail) {
            super(status, message, detail, null);
        }
    }

    /** The server could not be reached (connection refused, reset, timeout). */
    public static final class ServerUnreachableException extends ClientException {
        public ServerUnreachableException(String message, Throwable cause) {
            super(0, message, null, cause);
        }
    }
}
