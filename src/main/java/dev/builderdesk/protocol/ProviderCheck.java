package dev.builderdesk.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Response of {@code POST /providers/{id}/test} (ours): what the provider's {@code /models} route answered.
 * {@code httpStatus} is set when the provider answered with an error; the counts when it listed its models.
 * {@code message} says it in the user's words.
 */
public record ProviderCheck(String providerId, Outcome outcome, Integer httpStatus, Integer modelCount,
        Integer chatModelCount, String message) {

    /** How the test went. */
    public enum Outcome {
        /** The endpoint listed its models. */
        @JsonProperty("ok") OK,
        /** The endpoint answered 401 or 403: the API key is missing or wrong. */
        @JsonProperty("key_rejected") KEY_REJECTED,
        /** Nothing answered at the base URL (refused, unknown host, timeout). */
        @JsonProperty("unreachable") UNREACHABLE,
        /** Something answered, but not a model listing (another status, or not JSON). */
        @JsonProperty("error") ERROR
    }
}
