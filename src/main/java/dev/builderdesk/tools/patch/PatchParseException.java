package dev.builderdesk.tools.patch;

/** The patch text is not a patch we can read; the message says where. */
public final class PatchParseException extends Exception {
    private final String code;

    public PatchParseException(String message) {
        this("PATCH_PARSE_FAILED", message);
    }

    public PatchParseException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
