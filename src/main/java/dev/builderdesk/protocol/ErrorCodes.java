package dev.builderdesk.protocol;

/** The coded errors of the contract, shared by server and client. */
public final class ErrorCodes {
    public static final String MODEL_UNAVAILABLE = "CODING_AGENT_MODEL_UNAVAILABLE";
    public static final String ENGINE_UNAVAILABLE = "CODING_AGENT_ENGINE_UNAVAILABLE";
    public static final String ENGINE_UNSUPPORTED_RUNTIME = "CODING_AGENT_ENGINE_UNSUPPORTED_RUNTIME";
    public static final String REVISION_CONFLICT = "REVISION_CONFLICT";

    public static final String TOOL_INPUT_VALIDATION_FAILED = "TOOL_INPUT_VALIDATION_FAILED";
    public static final String TOOL_NOT_FOUND = "TOOL_NOT_FOUND";
    public static final String POLICY_VIOLATION = "BUILDER_PATCH_POLICY_VIOLATION";
    public static final String TOOL_EXECUTION_FAILED = "TOOL_EXECUTION_FAILED";

    public static final String PROVIDER_AUTH_FAILED = "PROVIDER_AUTH_FAILED";
    public static final String PROVIDER_RATE_LIMITED = "PROVIDER_RATE_LIMITED";
    public static final String PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";
    public static final String PROVIDER_BAD_REQUEST = "PROVIDER_BAD_REQUEST";
    public static final String CONTEXT_OVERFLOW = "CONTEXT_OVERFLOW";
    public static final String PROVIDER_STREAM_INCOMPLETE = "PROVIDER_STREAM_INCOMPLETE";
    public static final String RUN_INTERRUPTED = "RUN_INTERRUPTED";
    public static final String OPENCODE_CANCEL_UNCONFIRMED = "OPENCODE_CANCEL_UNCONFIRMED";
    public static final String ENGINE_FAILED = "ENGINE_FAILED";

    private ErrorCodes() {
    }
}
