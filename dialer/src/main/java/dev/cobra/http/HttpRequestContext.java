package dev.cobra.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as a handler sees it: method, path, the route's path parameters, query parameters, the
 * body (already size-limited) and the authenticated principal (null on public routes).
 */
public record HttpRequestContext(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query,
                                 Map<String, String> headers, byte[] body, Principal principal) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The body as JSON, or a 400 naming the problem (line and column of a syntax error). */
    public JsonNode json() {
        if (body.length == 0) {
            throw HttpError.badRequest("request body is empty (expected a JSON object)");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw HttpError.badRequest("request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw HttpError.badRequest("request body is not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpError.badRequest("request body could not be read");
        }
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
