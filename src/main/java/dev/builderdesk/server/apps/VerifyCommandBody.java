package dev.builderdesk.server.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.VerifyCommand;
import dev.builderdesk.server.http.JsonBody;
import java.util.ArrayList;
import java.util.List;

/** Reads an app's {@code verify} field ({@code {"argv": [program, args…], "timeout_s": 1…3600}}) from a body. */
final class VerifyCommandBody {
    private VerifyCommandBody() {
    }

    /** The body's {@code verify} (null when it is null or invalid; the issues are recorded in {@code body}). */
    static VerifyCommand parse(JsonBody body) {
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
}
