package dev.cobra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobra.agents.AgentPool;
import dev.cobra.calls.CallId;
import dev.cobra.campaign.RunnerLoop;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's routes over a real socket: the page, the event stream with its ticket, the screen and the overview. */
class ConsoleRoutesTest {
    private static final String SUPERVISOR = "supervisor-token-0123456789";
    private static final String AGENT_7 = "agent7-token-0123456789";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T13:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentPool pool = new AgentPool(CLOCK, Duration.ofSeconds(20), Set.of("lunch", "training"));
    private final AgentEvents events = new AgentEvents(CLOCK);
    private RunnerLoop loop;
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        pool.addListener(events);
        loop = new RunnerLoop(CLOCK);
        Authenticator auth = new Authenticator(Map.of(SUPERVISOR, new Principal("sup", Role.SUPERVISOR, null),
                AGENT_7, new Principal("agent 7", Role.AGENT, "7")), CLOCK);
        ConsoleRoutes.Screens screens = callId -> callId.equals("c-1")
                ? Optional.of(Map.of("callId", callId, "debtor", Map.of("name", "Maria Souza"))) : Optional.empty();
        List<Route> routes = new java.util.ArrayList<>(AgentRoutes.routes(pool, loop::call));
        routes.addAll(ConsoleRoutes.routes(pool, loop::call, events, auth, screens,
                () -> List.of(new ConsoleRoutes.CampaignLive(1, "demo", 10, 8, 2, 1, 0.02, Map.of("answered_human", 3L)))));
        server = HttpServer.start("127.0.0.1", 0, routes, auth, 4096, 4);
    }

    @AfterEach
    void stop() {
        server.close();
        loop.close();
    }

    private HttpResponse<String> send(String method, String path, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String ticket(String token) throws Exception {
        HttpResponse<String> r = send("POST", "/api/events/ticket", token, Map.of());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("ticket").asText();
    }

    private void core(Runnable task) throws Exception {
        loop.call(() -> {
            task.run();
            return null;
        }, Duration.ofSeconds(5));
    }

    /** Reads an event stream's lines on the client's thread into a queue the test polls with a bound. */
    private static final class Stream7 implements AutoCloseable {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final HttpResponse<Stream<String>> response;

        Stream7(HttpClient client, URI uri) throws Exception {
            response = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() == 200) {
                Thread reader = new Thread(() -> {
                    String[] event = {null};
                    try {
                        response.body().forEach(line -> {
                        if (line.startsWith("event: ")) {
                            event[0] = line.substring(7);
                        } else if (line.startsWith("data: ")) {
                            events.add(event[0] + " " + line.substring(6));
                        } else if (line.startsWith(":")) {
                            events.add("comment" + line.substring(1));
                        }
                        });
                    } catch (java.io.UncheckedIOException e) {
                        events.add("closed");
                    }
                }, "sse-reader");
                reader.setDaemon(true);
                reader.start();
            }
        }

        /** The next event of this name (others skipped), within 10 s. */
        JsonNode next(String name) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e != null && e.startsWith(name + " ")) {
                    return JSON.readTree(e.substring(name.length() + 1));
                }
            }
            throw new AssertionError("no '" + name + "' event within 10 s");
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    @Test
    void servesThePageWithItsTypesAndRevalidation() throws Exception {
        HttpResponse<String> page = send("GET", "/console", null, Map.of());
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertTrue(page.body().contains("<script src=\"/console/console.js\""), "no inline script, no CDN");
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "nothing from another origin");
        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = send("GET", "/console", null, Map.of("If-None-Match", etag));
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals("text/javascript; charset=utf-8", send("GET", "/console/console.js", null, Map.of()).headers()
                .firstValue("Content-Type").orElse(""));
        assertEquals("text/css; charset=utf-8", send("GET", "/console/console.css", null, Map.of()).headers()
                .firstValue("Content-Type").orElse(""));
        JsonNode en = JSON.readTree(send("GET", "/console/i18n/en.json", null, Map.of()).body());
        JsonNode pt = JSON.readTree(send("GET", "/console/i18n/pt-BR.json", null, Map.of()).body());
        List<String> enKeys = new java.util.ArrayList<>();
        en.fieldNames().forEachRemaining(enKeys::add);
        List<String> ptKeys = new java.util.ArrayList<>();
        pt.fieldNames().forEachRemaining(ptKeys::add);
        assertEquals(enKeys, ptKeys, "both languages have every string");
        assertEquals(404, send("GET", "/console/../pom.xml", null, Map.of()).statusCode());
    }

    @Test
    void theEventStreamOpensWithAOneUseTicketAndPushesStateAndTheCall() throws Exception {
        core(() -> pool.login("7", Set.of("demo")));
        String ticket = ticket(AGENT_7);
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/agents/7/events?ticket=" + ticket);
        try (Stream7 stream = new Stream7(client, uri)) {
            assertEquals(200, stream.response.statusCode());
            assertEquals("text/event-stream; charset=utf-8", stream.response.headers().firstValue("Content-Type").orElse(""));
            assertEquals("ready", stream.next("state").path("state").asText(), "the current state comes first");
            core(() -> pool.assign(new CallId("c-1"), "demo"));
            assertEquals("on_call", stream.next("state").path("state").asText());
            assertEquals("c-1", stream.next("call").path("callId").asText(), "the call is announced at once");
            HttpResponse<String> screen = send("GET", "/api/agents/7/screen", AGENT_7, Map.of());
            assertEquals(200, screen.statusCode(), screen.body());
            assertTrue(screen.body().contains("Maria Souza"), screen.body());
            core(() -> pool.callEnded(new CallId("c-1")));
            assertEquals("wrap_up", stream.next("state").path("state").asText());
            assertEquals(200, send("GET", "/api/agents/7/screen", AGENT_7, Map.of()).statusCode(), "the screen stays for the wrap-up");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.streams() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertEquals(0, events.streams(), "a closed stream is unsubscribed");
        Stream7 reused = new Stream7(client, uri);
        assertEquals(401, reused.response.statusCode(), "a ticket opens one stream only");
        Stream7 none = new Stream7(client, URI.create("http://127.0.0.1:" + server.port() + "/api/agents/7/events"));
        assertEquals(401, none.response.statusCode());
        Stream7 other = new Stream7(client, URI.create("http://127.0.0.1:" + server.port() + "/api/agents/8/events?ticket="
                + ticket(AGENT_7)));
        assertEquals(403, other.response.statusCode(), "an agent's ticket opens only its own stream");
    }

    @Test
    void theScreenAndOverviewAnswerOnlyWhoMaySee() throws Exception {
        core(() -> pool.login("7", Set.of("demo")));
        HttpResponse<String> noCall = send("GET", "/api/agents/7/screen", AGENT_7, Map.of());
        assertEquals(404, noCall.statusCode());
        assertTrue(noCall.body().contains("holds no call"), noCall.body());
        assertEquals(403, send("GET", "/api/agents/8/screen", AGENT_7, Map.of()).statusCode());
        assertEquals(403, send("GET", "/api/supervisor/overview", AGENT_7, Map.of()).statusCode());
        HttpResponse<String> overview = send("GET", "/api/supervisor/overview", SUPERVISOR, Map.of());
        assertEquals(200, overview.statusCode());
        JsonNode o = JSON.readTree(overview.body());
        assertEquals(1, o.path("agentsByState").path("ready").asInt());
        assertEquals(0, o.path("agentsByState").path("on_call").asInt());
        assertEquals(10, o.path("campaigns").get(0).path("placed").asInt());
        JsonNode settings = JSON.readTree(send("GET", "/api/console/settings", AGENT_7, Map.of()).body());
        assertEquals("[\"lunch\",\"training\"]", settings.path("pauseReasons").toString());
        assertEquals("agent", settings.path("principal").path("role").asText());
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithoutBlockingTheSender() throws Exception {
        EventSink[] opened = new EventSink[1];
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Route slow = Route.of("GET", "/api/slow", Set.of(Role.SUPERVISOR), new EventStreamRoute((r, sink) -> {
            opened[0] = sink;
            return closed::countDown;
        }, Duration.ofHours(1), 4, 10));
        Authenticator auth = new Authenticator(Map.of(SUPERVISOR, new Principal("sup", Role.SUPERVISOR, null)), CLOCK);
        try (HttpServer s = HttpServer.start("127.0.0.1", 0, List.of(slow), auth, 1024, 2);
             java.net.Socket socket = new java.net.Socket("127.0.0.1", s.port())) {
            socket.setReceiveBufferSize(4096);
            socket.getOutputStream().write(("GET /api/slow HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SUPERVISOR + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = new byte[15];
            assertEquals(15, in.readNBytes(head, 0, 15));
            assertEquals("HTTP/1.1 200 OK", new String(head, StandardCharsets.US_ASCII));
            assertNotNull(opened[0]);
            String big = "x".repeat(64 * 1024);
            int sent = 0;
            while (sent < 10_000 && opened[0].send("data", Map.of("payload", big))) {
                sent++; // the socket is never read again: the kernel buffers fill, then the pending events pass the limit
            }
            assertTrue(sent < 10_000, "the sink gave up on the client");
            assertFalse(opened[0].isOpen());
            assertTrue(closed.await(10, TimeUnit.SECONDS), "the publisher was told to unsubscribe");
        }
    }

    @Test
    void anIdleStreamGetsHeartbeats() throws Exception {
        Route beating = Route.of("GET", "/api/beat", Set.of(Role.SUPERVISOR), new EventStreamRoute((r, sink) -> () -> { },
                Duration.ofMillis(50), 4, 10));
        Authenticator auth = new Authenticator(Map.of(SUPERVISOR, new Principal("sup", Role.SUPERVISOR, null)), CLOCK);
        try (HttpServer s = HttpServer.start("127.0.0.1", 0, List.of(beating), auth, 1024, 2)) {
            HttpResponse<Stream<String>> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/beat"))
                    .header("Authorization", "Bearer " + SUPERVISOR).GET().build(), HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = r.body()) {
                assertEquals(200, r.statusCode());
                assertEquals(": heartbeat", org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> lines.filter(l -> !l.isEmpty()).findFirst().orElse("")), "a comment line within 10 s");
            }
        }
    }
}
