package dev.builderdesk.protocol;

/** The coded errors of the contract, shared by server and client. */
public final class ErrorCodes {
    public static final String MODEL_UNAVAILABLE = "CODING_AGENT_MODEL_UNAVAILABLE";
    public static final String ENGINE_UNAVAILABLE = "CODING_AGENT_ENGINE_UNAVAILABLE";
    public static final String ENGINE_UNSUPPORTED_RUNTIME = "CODING_AGENT_ENGINE_UNSUPPORTED_RUNTIME";
    public static final String REVISION_CONFLICT = "REVISION_CONFLICT";
    /** ours: a thread's new title is blank or too long ({@code field: "title"}). */
    public static final String CHAT_SESSION_TITLE_INVALID = "CHAT_SESSION_TITLE_INVALID";
    /** ours: a thread cannot be deleted while one of its runs is queued, running or paused. */
    public static final String CHAT_SESSION_BUSY = "CHAT_SESSION_BUSY";

    /** Ours (docs/api-additions.md): an app folder too large to open (files or bytes past the bound). */
    public static final String APP_FOLDER_TOO_LARGE = "APP_FOLDER_TOO_LARGE";
    /** Ours: the app folder could not be read. */
    public static final String APP_FOLDER_UNREADABLE = "APP_FOLDER_UNREADABLE";
    /** Ours: writing the app folder failed (nothing was changed); e.g. a restore under a folder link. */
    public static final String APP_FOLDER_WRITE_FAILED = "APP_FOLDER_WRITE_FAILED";
    /** Ours: the folder given to adopt is Builder Desk's own data folder or inside it. */
    public static final String APP_FOLDER_NOT_ALLOWED = "APP_FOLDER_NOT_ALLOWED";
    /** {@code PATCH /admin/apps/{id}} with a verify command on a shared server that does not allow them (403). */
    public static final String VERIFY_NOT_ALLOWED = "VERIFY_NOT_ALLOWED";

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

    /** Ours, provider admin: a field of {@code POST/PUT /providers} is wrong ({@code field} names it). */
    public static final String PROVIDER_INVALID = "PROVIDER_INVALID";
    /** Ours: a provider with that name or id already exists (409). */
    public static final String PROVIDER_EXISTS = "PROVIDER_EXISTS";
    /** Ours: the provider cannot be removed now — its model is the default, or a run uses it (409). */
    public static final String PROVIDER_IN_USE = "PROVIDER_IN_USE";
    /** Ours: the provider's {@code /models} route could not be read (discovery). */
    public static final String PROVIDER_UNREACHABLE = "PROVIDER_UNREACHABLE";

    private ErrorCodes() {
    }
}
