package dev.cobra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobra.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * The /api routes on a real {@link HttpServer} over a socket, on a real database, with one token per role and two
 * agents ({@code a7}, {@code a8}), and a client that sends requests and reads JSON answers.
 */
final class ApiServer implements AutoCloseable {
    static final String ADMIN = "admin-token-0123456789";
    static final String SUPERVISOR = "supervisor-token-0123456789";
    static final String AGENT_7 = "agent7-token-0123456789";
    static final String AGENT_8 = "agent8-token-0123456789";
    /** 10:00 in São Paulo: inside Brazil's calling window on a Tuesday. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T13:00:00Z"), ZoneId.of("America/Sao_Paulo"));
    private static final ObjectMapper JSON = new ObjectMapper();

    final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiServer(Database db) {
        Authenticator auth = new Authenticator(Map.of(
                ADMIN, new Principal("admin", Role.ADMIN, null),
                SUPERVISOR, new Principal("supervisor", Role.SUPERVISOR, null),
                AGENT_7, new Principal("agent a7", Role.AGENT, "a7"),
                AGENT_8, new Principal("agent a8", Role.AGENT, "a8")), CLOCK);
        server = HttpServer.start("127.0.0.1", 0, ApiRoutes.routes(db, CLOCK), auth, 4096, 2);
    }

    /** One answer: status, raw body and the body as JSON. */
    record Answer(int status, String body, JsonNode json) {
        /** Asserts the status, showing the body when it differs; returns the JSON. */
        JsonNode expect(int expected) {
            assertEquals(expected, status, body);
            return json;
        }
    }

    Answer send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().startsWith("{") ? JSON.readTree(r.body()) : null;
            return new Answer(r.statusCode(), r.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Answer post(String path, String token, String json) {
        return send("POST", path, token, "application/json", json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Answer put(String path, String token, String json) {
        return send("PUT", path, token, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
