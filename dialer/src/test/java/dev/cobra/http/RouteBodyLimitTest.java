package dev.cobra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A route's own body limit ({@link Route#withMaxBodyBytes}) over a real socket: an upload route takes more than the
 * server's default, every other route keeps the default, whether the client declares the length or sends chunks.
 */
class RouteBodyLimitTest {
    private static final int DEFAULT_BYTES = 1024;
    private static final int UPLOAD_BYTES = 16 * 1024;

    private HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        Route.Handler size = r -> HttpResult.ok(Map.of("bytes", r.body().length));
        List<Route> routes = List.of(
                Route.of("POST", "/api/small", Set.of(Role.ADMIN), size),
                Route.of("POST", "/api/upload", Set.of(Role.ADMIN), size).withMaxBodyBytes(UPLOAD_BYTES));
        server = HttpServer.start("127.0.0.1", 0, routes, new Authenticator(Map.of(ApiServer.ADMIN,
                new Principal("admin", Role.ADMIN, null)), ApiServer.CLOCK), DEFAULT_BYTES, 2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + ApiServer.ADMIN).timeout(Duration.ofSeconds(10)).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.BodyPublisher chunked(int bytes) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[bytes]));
    }

    @Test
    void theUploadRouteTakesMoreThanTheDefaultAndNoMoreThanItsOwnLimit() throws Exception {
        HttpResponse<String> big = post("/api/upload", HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024]));
        assertEquals(200, big.statusCode(), big.body());
        assertEquals("{\"bytes\":8192}", big.body());
        assertEquals(200, post("/api/upload", chunked(8 * 1024)).statusCode(), "chunked, without a declared length");
        HttpResponse<String> over = post("/api/upload", HttpRequest.BodyPublishers.ofByteArray(new byte[UPLOAD_BYTES + 1]));
        assertEquals(413, over.statusCode());
        assertTrue(over.body().contains("over this route's limit of 16384 bytes"), over.body());
    }

    @Test
    void otherRoutesKeepTheDefault() throws Exception {
        assertEquals(200, post("/api/small", HttpRequest.BodyPublishers.ofByteArray(new byte[DEFAULT_BYTES])).statusCode());
        HttpResponse<String> declared = post("/api/small", HttpRequest.BodyPublishers.ofByteArray(new byte[DEFAULT_BYTES + 1]));
        assertEquals(413, declared.statusCode());
        assertTrue(declared.body().contains("over this route's limit of 1024 bytes"), declared.body());
        assertEquals(200, post("/api/small", HttpRequest.BodyPublishers.ofByteArray(new byte[10])).statusCode(),
                "the refused body was read and dropped; the server goes on answering");
        HttpResponse<String> chunks = post("/api/small", chunked(4 * 1024));
        assertEquals(413, chunks.statusCode(), "a chunked body over the route's limit is refused after aggregation");
        assertTrue(chunks.body().startsWith("{\"error\":"), "JSON, as every error: " + chunks.body());
    }

    @Test
    void anUploadIsRefusedForABadTokenBeforeItsBodyIsRead() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/upload"))
                .header("Authorization", "Bearer wrong-token-0123456789").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("invalid token"), r.body());
        assertEquals(200, post("/api/upload", HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024])).statusCode(),
                "a good token is let through (checked again, as every request, when dispatched)");
    }

    @Test
    void aLimitIsPositive() {
        Route r = Route.open("POST", "/x", req -> HttpResult.ok(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> r.withMaxBodyBytes(0));
        assertEquals(0, r.maxBodyBytes(), "0 means the server's default");
        assertEquals(UPLOAD_BYTES, r.withMaxBodyBytes(UPLOAD_BYTES).bodyLimit(DEFAULT_BYTES));
        assertEquals(DEFAULT_BYTES, r.bodyLimit(DEFAULT_BYTES));
    }
}
