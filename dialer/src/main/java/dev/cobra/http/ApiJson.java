package dev.cobra.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.time.LocalDate;

/**
 * JSON answers of the /api routes: records and maps as Jackson writes them, with {@link Instant}s as ISO-8601 UTC
 * ({@code 2026-11-24T13:00:00Z}) and {@link LocalDate}s as {@code 2026-12-10}; amounts are JSON numbers with their
 * scale ({@code 1090.48}). Stateless and thread-safe.
 */
final class ApiJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("cobra-time")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ApiJson() {}

    static HttpResult json(int status, Object value) {
        try {
            return new HttpResult(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + value.getClass().getName(), e);
        }
    }

    static HttpResult ok(Object value) {
        return json(200, value);
    }
}
