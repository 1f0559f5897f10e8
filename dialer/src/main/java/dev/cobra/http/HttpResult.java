package dev.cobra.http;

import java.nio.charset.StandardCharsets;

/**
 * What a handler answers: status, content type, bytes, and any extra response headers (caching, validators).
 * {@link #json} serialises a value with Jackson.
 */
public record HttpResult(int status, String contentType, byte[] body, java.util.Map<String, String> headers) {
    public HttpResult {
        headers = java.util.Map.copyOf(headers);
    }

    public HttpResult(int status, String contentType, byte[] body) {
        this(status, contentType, body, java.util.Map.of());
    }

    /** Handlers pass plain values (strings, numbers, maps, lists, records); times are formatted by the handler. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public static HttpResult json(int status, Object value) {
        try {
            return new HttpResult(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + value.getClass().getName(), e);
        }
    }

    public static HttpResult ok(Object value) {
        return json(200, value);
    }

    public static HttpResult text(int status, String contentType, String text) {
        return new HttpResult(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResult error(int status, String message) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        return json(status, body);
    }
}
