package dev.builderdesk.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.ApiError.ValidationIssue;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON request body field by field, collecting every request-shape problem, then answers 422 with all of
 * them at once ({@link #finish()}), as FastAPI does. Values come back typed and canonical.
 */
public final class JsonBody {
    /**
     * Trailing data after the JSON value is an error, not ignored ({@code {"a":1} {"b":2}} is not one object), and
     * so is a key given twice (which one would count depends on the reader).
     */
    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final ObjectNode node;
    private final List<ValidationIssue> issues = new ArrayList<>();

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** The body as an object; an absent body counts as {@code {}} when {@code optional}. */
    public static JsonBody of(Context ctx, boolean optional) {
        String text = decode(read(ctx));
        if (text.isBlank()) {
            if (optional) {
                return new JsonBody(Json.object());
            }
            throw ApiError.validation(List.of(new ValidationIssue(List.of("body"), "Field required", "missing")));
        }
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiError.validation(List.of(new ValidationIssue(
                    List.of("body", e.getLocation() == null ? 0 : (int) e.getLocation().getCharOffset()),
                    "JSON decode error: " + e.getOriginalMessage(), "json_invalid")));
        }
        if (parsed == null || !parsed.isObject()) {
            throw ApiError.validation(List.of(new ValidationIssue(List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")));
        }
        List<ValidationIssue> unusable = new ArrayList<>();
        findUnusableText(parsed, new ArrayList<>(List.of("body")), unusable);
        if (!unusable.isEmpty()) {
            throw ApiError.validation(unusable);
        }
        return new JsonBody((ObjectNode) parsed);
    }

    /**
     * The body's bytes. A body that ends before its {@code Content-Length} or breaks its chunked framing is the
     * client's error (400), not the server's: Jetty reports both as an I/O failure of the read.
     */
    private static byte[] read(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (Exception e) {
            // (Jetty's EofException arrives undeclared, through Javalin's Kotlin.)
            if (causedByIo(e)) {
                throw ApiError.badRequest("The request body is incomplete or its chunked framing is broken");
            }
            throw e;
        }
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** Strict UTF-8: a malformed byte is refused, never replaced by U+FFFD and stored. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.validation(List.of(new ValidationIssue(List.of("body"),
                    "JSON decode error: the body is not valid UTF-8", "json_invalid")));
        }
    }

    /** Text no store can hold as given ({@link Params#unusableText}), in any value or key. */
    private static void findUnusableText(JsonNode node, List<Object> loc, List<ValidationIssue> issues) {
        if (node.isTextual()) {
            checkText(node.asText(), loc, issues);
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                List<Object> at = new ArrayList<>(loc);
                at.add(field.getKey());
                checkText(field.getKey(), at, issues);
                findUnusableText(field.getValue(), at, issues);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> at = new ArrayList<>(loc);
                at.add(i);
                findUnusableText(node.get(i), at, issues);
            }
        }
    }

    private static void checkText(String text, List<Object> loc, List<ValidationIssue> issues) {
        ValidationIssue issue = Params.unusableText(text, loc);
        if (issue != null) {
            issues.add(issue);
        }
    }

    public boolean has(String name) {
        return node.has(name);
    }

    public boolean isNull(String name) {
        return node.has(name) && node.get(name).isNull();
    }

    public String requiredString(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            issues.add(new ValidationIssue(List.of("body", name), "Field required", "missing"));
            return null;
        }
        return string(name, v);
    }

    public String optionalString(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : string(name, v);
    }

    public String optionalUuid(String name) {
        String s = optionalString(name);
        if (s == null) {
            return null;
        }
        var uuid = Params.canonicalUuid(s);
        if (uuid.isEmpty()) {
            issues.add(new ValidationIssue(List.of("body", name), Params.uuidIssue("body", name).msg(),
                    "uuid_parsing"));
            return null;
        }
        return uuid.get();
    }

    public Boolean optionalBool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            issues.add(new ValidationIssue(List.of("body", name), "Input should be a valid boolean", "bool_type"));
            return null;
        }
        return v.asBoolean();
    }

    public Integer optionalInt(String name, int min, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            issues.add(new ValidationIssue(List.of("body", name), "Input should be a valid integer", "int_type"));
            return null;
        }
        int value = v.asInt();
        if (value < min || value > max) {
            issues.add(new ValidationIssue(List.of("body", name),
                    "Input should be between " + min + " and " + max, value < min ? "greater_than_equal"
                    : "less_than_equal"));
            return null;
        }
        return value;
    }

    /** An optional string that must be one of {@code allowed}. */
    public String optionalEnum(String name, List<String> allowed) {
        String s = optionalString(name);
        if (s != null && !allowed.contains(s)) {
            issues.add(new ValidationIssue(List.of("body", name), "Input should be " + quotedOr(allowed), "enum"));
            return null;
        }
        return s;
    }

    /** An optional JSON object. */
    public ObjectNode optionalObject(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            issues.add(new ValidationIssue(List.of("body", name), "Input should be a valid dictionary",
                    "dict_type"));
            return null;
        }
        return (ObjectNode) v;
    }

    /** An optional JSON array. */
    public List<JsonNode> optionalArray(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            issues.add(new ValidationIssue(List.of("body", name), "Input should be a valid list", "list_type"));
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        v.forEach(items::add);
        return items;
    }

    /** Records an issue found by the caller (e.g. inside an array item). */
    public void issue(List<Object> loc, String msg, String type) {
        issues.add(new ValidationIssue(loc, msg, type));
    }

    /** Rejects keys that are not part of the body's shape (used where a typo would silently do nothing). */
    public void rejectUnknown(Set<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                issues.add(new ValidationIssue(List.of("body", name), "Extra inputs are not permitted",
                        "extra_forbidden"));
            }
        });
    }

    /** Throws 422 listing every issue found so far. */
    public void finish() {
        if (!issues.isEmpty()) {
            throw ApiError.validation(issues);
        }
    }

    private String string(String name, JsonNode v) {
        if (!v.isTextual()) {
            issues.add(new ValidationIssue(List.of("body", name), "Input should be a valid string", "string_type"));
            return null;
        }
        return v.asText();
    }

    private static String quotedOr(List<String> allowed) {
        List<String> quoted = allowed.stream().map(a -> "'" + a + "'").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }
}
