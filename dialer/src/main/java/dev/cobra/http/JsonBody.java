package dev.cobra.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object body read strictly: an unknown field, or a field of the wrong type, is a 400 that names the field
 * (with its path, e.g. {@code dialing.maxLines}) and what was expected. Absent and {@code null} fields read as null,
 * so callers decide what is required. Not thread-safe; one per request.
 */
final class JsonBody {
    private final JsonNode node;
    private final String prefix;

    private JsonBody(JsonNode node, String prefix, Set<String> allowed) {
        this.node = node;
        this.prefix = prefix;
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                unknown.add(prefix + f);
            }
        }
        if (!unknown.isEmpty()) {
            throw HttpError.badRequest(String.join(", ", unknown) + ": unknown field" + (unknown.size() > 1 ? "s" : "")
                    + " (expected: " + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
    }

    /** The request's body, which must be a JSON object with only {@code allowed} fields. */
    static JsonBody of(HttpRequestContext request, Set<String> allowed) {
        return new JsonBody(request.json(), "", allowed);
    }

    /** A nested object, or null when absent. */
    JsonBody object(String field, Set<String> allowed) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object");
        }
        return new JsonBody(v, prefix + field + ".", allowed);
    }

    String text(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        return v.textValue();
    }

    /** A string that must be present and not blank. */
    String requiredText(String field) {
        String v = text(field);
        if (v == null || v.isBlank()) {
            throw HttpError.badRequest(prefix + field + ": required");
        }
        return v;
    }

    Integer integer(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(field, "an integer");
        }
        return v.intValue();
    }

    BigDecimal decimal(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(field, "a number");
        }
        return v.decimalValue();
    }

    Boolean bool(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return v.booleanValue();
    }

    private JsonNode value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private HttpError wrongType(String field, String expected) {
        JsonNode v = node.get(field);
        return HttpError.badRequest(prefix + field + ": " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " (expected: " + expected + ")");
    }
}
