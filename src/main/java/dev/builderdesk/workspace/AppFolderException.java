package dev.builderdesk.workspace;

import dev.builderdesk.protocol.ErrorCodes;

/**
 * An app folder that cannot be used as asked: too large to open, or not writable. The message names paths relative
 * to the app folder only (never a server path), so it may be shown to clients as it is.
 */
public final class AppFolderException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** Opening the folder would read more than the scan bounds allow. */
        TOO_LARGE(ErrorCodes.APP_FOLDER_TOO_LARGE),
        /** The folder could not be read. */
        UNREADABLE(ErrorCodes.APP_FOLDER_UNREADABLE),
        /** Writing the folder failed; nothing was changed in it. */
        WRITE_FAILED(ErrorCodes.APP_FOLDER_WRITE_FAILED);

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public AppFolderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return kind.code();
    }
}
