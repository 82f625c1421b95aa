package dev.builderdesk.ui.settings;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.Errors;
import dev.builderdesk.ui.fx.Failures;
import java.util.Locale;

/**
 * What a failed settings action tells the user: the server's own coded messages (already in the user's words),
 * otherwise a sentence chosen by the kind of failure — never a server's internal words ("principal", "tenant"),
 * an exception's class or its stack. The cause goes to the log.
 */
final class UserMessages {
    private static final System.Logger LOG = System.getLogger(UserMessages.class.getName());

    private UserMessages() {
    }

    static String of(Throwable failure) {
        Throwable t = Failures.cause(failure);
        return switch (t) {
            case Errors.ServerUnreachableException e -> "The run server does not answer. Check that it is running.";
            case Errors.UnauthorizedException e -> "The server does not accept this window's token.";
            case Errors.ForbiddenException e -> forbidden(e);
            case Errors.NotFoundException e -> "It is no longer there; the list was refreshed.";
            case Errors.ValidationException e -> "The server did not accept the request.";
            case ClientException e when e.code() != null && readable(e.getMessage()) -> e.getMessage();
            case ClientException e when e.status() < 500 && readable(e.getMessage()) -> e.getMessage();
            default -> {
                LOG.log(System.Logger.Level.WARNING, "Settings action failed", t);
                yield "Something went wrong; the log has the details.";
            }
        };
    }

    /** 403: a read-only token, or a token of another workspace. */
    static String forbidden(Errors.ForbiddenException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("scope")) {
            return "This token may only read. Use an owner's or admin's token to change models and providers.";
        }
        if (m.contains("tenant")) {
            return "This token does not belong to that workspace id.";
        }
        if (m.contains("configuration")) {
            return "This comes from the server's configuration file; change it there.";
        }
        return "The server does not allow this with this token.";
    }

    private static boolean readable(String message) {
        if (message == null || message.isBlank()) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return !(m.contains("principal") || m.contains("tenant") || m.contains("exception") || m.contains("\tat ")
                || m.startsWith("http "));
    }
}
