package dev.cobra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.agents.AgentPool;
import dev.cobra.calls.CallId;
import dev.cobra.campaign.RunnerLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agents' endpoints over a real socket, acting on the pool through the core thread. */
class AgentRoutesTest {
    private static final String SUPERVISOR = "supervisor-token-0123456789";
    private static final String AGENT_7 = "agent7-token-0123456789";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T13:00:00Z"), ZoneOffset.UTC);

    private final AgentPool pool = new AgentPool(CLOCK, Duration.ofSeconds(20), Set.of("lunch", "training"));
    private RunnerLoop loop;
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final java.util.List<String> disposed = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        loop = new RunnerLoop(CLOCK);
        Authenticator auth = new Authenticator(Map.of(SUPERVISOR, new Principal("sup", Role.SUPERVISOR, null),
                AGENT_7, new Principal("agent 7", Role.AGENT, "7")), CLOCK);
        server = HttpServer.start("127.0.0.1", 0, AgentRoutes.routes(pool, loop::call,
                (call, d, promise, callback) -> disposed.add(call + " " + d.code() + " " + promise + " " + callback)), auth, 4096, 2);
    }

    @AfterEach
    void stop() {
        server.close();
        loop.close();
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAgentLogsInPausesAndComesBackAndTheSupervisorSeesIt() throws Exception {
        HttpResponse<String> login = post("/api/agents/7/login", AGENT_7, "{\"campaigns\": [\"demo\"]}");
        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.body().contains("\"state\":\"ready\""), login.body());
        assertEquals(200, post("/api/agents/7/pause", AGENT_7, "{\"reason\": \"lunch\"}").statusCode());
        HttpResponse<String> list = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/agents"))
                .header("Authorization", "Bearer " + SUPERVISOR).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("\"id\":\"7\",\"state\":\"paused\"") && list.body().contains("\"pauseReason\":\"lunch\""), list.body());
        assertEquals(200, post("/api/agents/7/ready", AGENT_7, null).statusCode());
        assertEquals(200, post("/api/agents/7/logout", SUPERVISOR, null).statusCode(), "a supervisor may act for an agent");
    }

    @Test
    void refusalsAreClearAndNameWhatIsAllowed() throws Exception {
        post("/api/agents/7/login", AGENT_7, "{\"campaigns\": [\"demo\"]}");
        HttpResponse<String> other = post("/api/agents/8/login", AGENT_7, "{\"campaigns\": [\"demo\"]}");
        assertEquals(403, other.statusCode());
        assertTrue(other.body().contains("an agent may only act for itself"), other.body());
        HttpResponse<String> reason = post("/api/agents/7/pause", AGENT_7, "{\"reason\": \"nap\"}");
        assertEquals(400, reason.statusCode());
        assertTrue(reason.body().contains("pause reason: 'nap'"), reason.body());
        HttpResponse<String> noCall = post("/api/agents/7/disposition", AGENT_7, "{\"disposition\": \"refused\"}");
        assertEquals(409, noCall.statusCode(), "no call to dispose while READY");
        HttpResponse<String> badCode = post("/api/agents/7/disposition", AGENT_7, "{\"disposition\": \"maybe\"}");
        assertEquals(400, badCode.statusCode());
        assertTrue(badCode.body().contains("expected one of promise_to_pay, agreement"), badCode.body());
        assertEquals(404, post("/api/agents/99/ready", SUPERVISOR, null).statusCode());
        assertEquals(400, post("/api/agents/7/login", AGENT_7, "{\"campaigns\": []}").statusCode());
    }

    @Test
    void aDispositionEndsTheWrapUp() throws Exception {
        post("/api/agents/7/login", AGENT_7, "{\"campaigns\": [\"demo\"]}");
        CallId call = new CallId("c-1");
        loop.call(() -> pool.assign(call, "demo").orElseThrow(), Duration.ofSeconds(5));
        loop.call(() -> pool.callEnded(call), Duration.ofSeconds(5));
        assertEquals(400, post("/api/agents/7/disposition", AGENT_7, "{\"disposition\": \"promise_to_pay\"}").statusCode(),
                "a promise needs its date");
        HttpResponse<String> d = post("/api/agents/7/disposition", AGENT_7,
                "{\"disposition\": \"promise_to_pay\", \"promiseDate\": \"2026-12-10\"}");
        assertEquals(200, d.statusCode(), d.body());
        assertEquals(java.util.List.of("c-1 promise_to_pay 2026-12-10 null"), disposed, "recorded against the call the agent took");
        assertTrue(d.body().contains("\"state\":\"ready\"") && d.body().contains("\"lastDisposition\":\"promise_to_pay\""), d.body());
    }
}
