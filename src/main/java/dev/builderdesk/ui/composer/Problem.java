package dev.builderdesk.ui.composer;

import dev.builderdesk.client.Errors;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.ui.fx.Failures;
import java.util.List;

/**
 * An error the composer shows, with the one action that fixes it (PRODUCT.md's error table). Pure: built from the
 * client's typed exceptions or a failed run's diagnostics. {@code modelId} names the model whose provider a
 * provider fix concerns (the failed run's resolved model), else null.
 */
public record Problem(String message, Fix fix, String modelId) {
    /** What the action button next to the error does. */
    public enum Fix {
        SWITCH_TO_AUTO("Switch to Auto"),
        ADD_PROVIDER("Add a model provider"),
        USE_NATIVE("Use the Native engine"),
        RETRY("Retry"),
        PROVIDER_SETTINGS("Open model settings"),
        CONNECTION_SETTINGS("Connection settings"),
        NONE("");

        private final String label;

        Fix(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final Problem NONE = new Problem("", Fix.NONE);

    public Problem(String message, Fix fix) {
        this(message, fix, null);
    }

    /** The problem for a failed request; {@code auto} says whether the run asked for Auto. */
    public static Problem of(Throwable t, boolean auto) {
        return switch (t) {
            // The contract's texts say "for this tenant"; the user is told in their words.
            case Errors.ModelUnavailableException m when auto -> new Problem("No active chat model is available."
                    + " Add a model provider, or switch a model on in Settings.", Fix.ADD_PROVIDER);
            case Errors.ModelUnavailableException m -> new Problem("The selected model is unavailable. Your prompt is"
                    + " kept: switch to Auto or pick another model.", Fix.SWITCH_TO_AUTO);
            case Errors.EngineUnavailableException e -> new Problem(e.getMessage(), Fix.USE_NATIVE);
            case Errors.EngineUnsupportedRuntimeException e -> new Problem(e.getMessage(), Fix.USE_NATIVE);
            case Errors.UnauthorizedException e -> new Problem("The token was rejected (401).",
                    Fix.CONNECTION_SETTINGS);
            case Errors.ForbiddenException e -> new Problem(String.valueOf(e.getMessage()).contains("scope")
                    ? "This token may only read (403): use an owner's or admin's token."
                    : "The token was rejected (403).", Fix.CONNECTION_SETTINGS);
            case Errors.ServerUnreachableException e -> new Problem("The run server cannot be reached: "
                    + e.getMessage(), Fix.RETRY);
            case Errors.RevisionConflictException e -> new Problem("The app changed again while resending — "
                    + "check the draft and send once more.", Fix.RETRY);
            default -> new Problem(Failures.message(t), Fix.NONE);
        };
    }

    /**
     * The problem a failed run reports: a rejected key offers the settings of the provider serving
     * {@code modelId} (the run's resolved model), other failures a retry.
     */
    public static Problem ofFailedRun(List<Diagnostic> diagnostics, String modelId) {
        Diagnostic d = diagnostics.isEmpty() ? Diagnostic.of("The run failed", null) : diagnostics.get(0);
        String code = d.code() == null ? "" : d.code();
        if (code.equals(ErrorCodes.PROVIDER_AUTH_FAILED)) {
            return new Problem(d.message(), Fix.PROVIDER_SETTINGS, modelId);
        }
        return new Problem(d.message(), Fix.RETRY);
    }

    public boolean isEmpty() {
        return message.isEmpty();
    }
}
