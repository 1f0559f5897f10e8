package dev.cobra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.metrics.CobraMeters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP edge over a real socket: routing, auth, limits and JSON errors. */
class HttpServerTest {
    private static final String ADMIN = "admin-token-0123456789";
    private static final String AGENT = "agent-token-0123456789";

    private HttpServer server;
    private CobraMeters meters;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean dbUp = true;

    @BeforeEach
    void start() {
        meters = new CobraMeters();
        Map<String, Supplier<OpsRoutes.Check>> ready = new LinkedHashMap<>();
        ready.put("database", () -> new OpsRoutes.Check(dbUp, dbUp ? "ok" : "connection refused"));
        List<Route> routes = new ArrayList<>(OpsRoutes.routes(ready, meters));
        routes.add(Route.of("POST", "/api/echo", Set.of(Role.ADMIN, Role.AGENT),
                r -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("got", r.json().path("value").asText());
                    out.put("by", r.principal().name());
                    return HttpResult.ok(out);
                }));
        routes.add(Route.of("GET", "/api/agents/{id}", Set.of(Role.ADMIN), r -> HttpResult.ok(Map.of("id", r.pathParam("id")))));
        routes.add(Route.of("GET", "/api/boom", Set.of(Role.ADMIN), r -> {
            throw new IllegalStateException("secret internals: jdbc:mariadb://10.0.0.1 password=hunter2");
        }));
        Authenticator auth = new Authenticator(Map.of(ADMIN, new Principal("ops", Role.ADMIN, null),
                AGENT, new Principal("agent 7", Role.AGENT, "7")), Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));
        server = HttpServer.start("127.0.0.1", 0, routes, auth, 1024, 2);
    }

    @AfterEach
    void stop() {
        server.close();
        meters.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthReadinessAndMetricsArePublic() throws Exception {
        assertEquals(200, send("GET", "/health", null, null).statusCode());
        HttpResponse<String> ready = send("GET", "/health/ready", null, null);
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("\"database\":{"), ready.body());
        dbUp = false;
        HttpResponse<String> notReady = send("GET", "/health/ready", null, null);
        assertEquals(503, notReady.statusCode());
        assertTrue(notReady.body().contains("connection refused"), notReady.body());
        HttpResponse<String> metrics = send("GET", "/metrics", null, null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "JVM meters are bound");
    }

    @Test
    void routesByPathThenMethodWithJsonErrors() throws Exception {
        HttpResponse<String> missing = send("GET", "/nope", null, null);
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"no such path: /nope\",\"status\":404}", missing.body());
        HttpResponse<String> wrongMethod = send("DELETE", "/health", null, null);
        assertEquals(405, wrongMethod.statusCode());
        assertTrue(wrongMethod.body().contains("DELETE is not allowed on /health (allowed: GET)"), wrongMethod.body());
        assertEquals("{\"id\":\"42\"}", send("GET", "/api/agents/42", ADMIN, null).body());
        assertEquals("{\"id\":\"42\"}", send("GET", "/api/agents/42/", ADMIN, null).body(), "a trailing slash is the same path");
    }

    @Test
    void tokensAndRolesAreEnforced() throws Exception {
        HttpResponse<String> none = send("POST", "/api/echo", null, "{\"value\":\"x\"}");
        assertEquals(401, none.statusCode());
        assertTrue(none.body().contains("missing bearer token"));
        assertEquals(401, send("POST", "/api/echo", "wrong-token-0000000000", "{\"value\":\"x\"}").statusCode());
        HttpResponse<String> forbidden = send("GET", "/api/agents/1", AGENT, null);
        assertEquals(403, forbidden.statusCode());
        assertTrue(forbidden.body().contains("role agent may not GET /api/agents/1"), forbidden.body());
        HttpResponse<String> ok = send("POST", "/api/echo", AGENT, "{\"value\":\"x\"}");
        assertEquals(200, ok.statusCode());
        assertEquals("{\"got\":\"x\",\"by\":\"agent 7\"}", ok.body());
    }

    @Test
    void repeatedFailuresFromOneAddressAreRateLimited() throws Exception {
        for (int i = 0; i < Authenticator.MAX_FAILURES; i++) {
            assertEquals(401, send("POST", "/api/echo", "guess-" + i + "-000000000000", "{}").statusCode());
        }
        HttpResponse<String> limited = send("POST", "/api/echo", ADMIN, "{\"value\":\"x\"}");
        assertEquals(429, limited.statusCode(), "even a good token waits out the window");
        assertTrue(limited.body().contains("too many failed authentication attempts"));
    }

    @Test
    void badBodiesAreRejectedClearlyAndInternalsNeverLeak() throws Exception {
        HttpResponse<String> badJson = send("POST", "/api/echo", ADMIN, "{\"value\": \n nope}");
        assertEquals(400, badJson.statusCode());
        assertTrue(badJson.body().contains("request body is not valid JSON at line 2, column"), badJson.body());
        assertEquals(400, send("POST", "/api/echo", ADMIN, "[1,2]").statusCode());
        assertEquals(413, send("POST", "/api/echo", ADMIN, "{\"value\":\"" + "x".repeat(2000) + "\"}").statusCode());
        HttpResponse<String> boom = send("GET", "/api/boom", ADMIN, null);
        assertEquals(500, boom.statusCode());
        assertTrue(boom.body().startsWith("{\"error\":\"internal error (id "), boom.body());
        assertFalse(boom.body().contains("hunter2") || boom.body().contains("mariadb") || boom.body().contains("Exception"), boom.body());
        assertEquals(200, send("GET", "/health", null, null).statusCode(), "the server keeps running");
    }
}
