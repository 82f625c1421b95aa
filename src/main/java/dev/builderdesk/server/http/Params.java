package dev.builderdesk.server.http;

import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.ApiError.ValidationIssue;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Path and query parameters, validated the way the original (FastAPI) answers: 422 with a located issue. */
public final class Params {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");

    private Params() {
    }

    /** A UUID path parameter in canonical lower-case form. */
    public static String uuidPath(Context ctx, String name) {
        String value = ctx.pathParam(name);
        return canonicalUuid(value).orElseThrow(() -> ApiError.validation(List.of(uuidIssue("path", name))));
    }

    /** An integer query parameter within {@code [min, max]}. */
    public static int intQuery(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiError.validation(List.of(new ValidationIssue(List.of("query", name),
                    "Input should be a valid integer, unable to parse string as an integer", "int_parsing")));
        }
        if (value < min) {
            throw ApiError.validation(List.of(new ValidationIssue(List.of("query", name),
                    "Input should be greater than or equal to " + min, "greater_than_equal")));
        }
        if (value > max) {
            throw ApiError.validation(List.of(new ValidationIssue(List.of("query", name),
                    "Input should be less than or equal to " + max, "less_than_equal")));
        }
        return value;
    }

    /** A boolean query parameter ({@code true/false/1/0/yes/no/on/off}). */
    public static Boolean boolQuery(Context ctx, String name, Boolean fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> throw ApiError.validation(List.of(new ValidationIssue(List.of("query", name),
                    "Input should be a valid boolean, unable to interpret input", "bool_parsing")));
        };
    }

    /** An optional string query parameter (empty counts as absent). */
    public static String stringQuery(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isEmpty() ? null : usable(raw, List.of("query", name));
    }

    /** A path parameter that is free text (a provider id, a comparison id), checked like every request string. */
    public static String textPath(Context ctx, String name) {
        return usable(ctx.pathParam(name), List.of("path", name));
    }

    private static String usable(String value, List<Object> loc) {
        ValidationIssue issue = unusableText(value, loc);
        if (issue != null) {
            throw ApiError.validation(List.of(issue));
        }
        return value;
    }

    /**
     * Text no store can hold as given — a NUL (PostgreSQL refuses it in text, file paths cannot contain it) or a
     * lone surrogate (no UTF-8 encoding exists for it) — as the issue to answer; null when the text is fine.
     */
    static ValidationIssue unusableText(String text, List<Object> loc) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return new ValidationIssue(List.copyOf(loc), "String should not contain the NUL character",
                        "string_nul");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return new ValidationIssue(List.copyOf(loc), "String should not contain a lone surrogate",
                        "string_unicode");
            }
        }
        return null;
    }

    /** An optional UUID query parameter. */
    public static String uuidQuery(Context ctx, String name) {
        String raw = stringQuery(ctx, name);
        if (raw == null) {
            return null;
        }
        return canonicalUuid(raw).orElseThrow(() -> ApiError.validation(List.of(uuidIssue("query", name))));
    }

    static java.util.Optional<String> canonicalUuid(String value) {
        if (value == null || !UUID_TEXT.matcher(value.strip()).matches()) {
            return java.util.Optional.empty();
        }
        String hex = value.strip().replace("-", "").toLowerCase(Locale.ROOT);
        String dashed = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        return java.util.Optional.of(UUID.fromString(dashed).toString());
    }

    static ValidationIssue uuidIssue(String where, String name) {
        return new ValidationIssue(List.of(where, name),
                "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:`"
                        + " followed by [0-9a-fA-F-]", "uuid_parsing");
    }
}
