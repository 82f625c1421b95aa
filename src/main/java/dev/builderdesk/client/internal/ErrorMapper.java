package dev.builderdesk.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.Errors;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Json;

/** Maps an error answer (status + body) to its typed exception, with a message fit for a user. */
final class ErrorMapper {
    private ErrorMapper() {
    }

    static ClientException map(int status, String body) {
        JsonNode detail = detailOf(body);
        String message = messageOf(status, detail);
        String code = detail != null && detail.isObject() ? detail.path("code").asText("") : "";
        return switch (code) {
            case ErrorCodes.MODEL_UNAVAILABLE -> new Errors.ModelUnavailableException(status, message, detail);
            case ErrorCodes.ENGINE_UNAVAILABLE -> new Errors.EngineUnavailableException(status, message, detail);
            case ErrorCodes.ENGINE_UNSUPPORTED_RUNTIME ->
                    new Errors.EngineUnsupportedRuntimeException(status, message, detail);
            case ErrorCodes.REVISION_CONFLICT -> new Errors.RevisionConflictException(status, message, detail);
            case ErrorCodes.PROVIDER_IN_USE -> new Errors.ProviderInUseException(status, message, detail);
            default -> switch (status) {
                case 400 -> new Errors.BadRequestException(status, message, detail);
                case 401 -> new Errors.UnauthorizedException(status, message, detail);
                case 403 -> new Errors.ForbiddenException(status, message, detail);
                case 404 -> new Errors.NotFoundException(status, message, detail);
                case 409 -> new Errors.ConflictException(status, message, detail);
                case 413 -> new Errors.PayloadTooLargeException(status, message, detail);
                case 422 -> new Errors.ValidationException(status, message, detail);
                default -> new ClientException(status, message, detail, null);
            };
        };
    }

    private static JsonNode detailOf(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body == null ? "" : body);
            if (node != null && node.has("detail")) {
                return node.get("detail");
            }
            if (node != null && node.has("message")) {
                return node.get("message");
            }
        } catch (Exception e) {
            // not JSON: fall through to the raw text
        }
        return body == null || body.isBlank() ? null : Json.mapper().getNodeFactory().textNode(body.strip());
    }

    private static String messageOf(int status, JsonNode detail) {
        if (detail == null) {
            return "HTTP " + status;
        }
        if (detail.isTextual()) {
            return detail.asText();
        }
        if (detail.isObject() && detail.has("message")) {
            return detail.get("message").asText();
        }
        if (detail.isArray() && !detail.isEmpty()) {
            JsonNode first = detail.get(0);
            return "Invalid request: " + first.path("msg").asText() + " (" + String.join(".",
                    Json.mapper().convertValue(first.path("loc"), String[].class)) + ")";
        }
        return "HTTP " + status + ": " + detail;
    }
}
