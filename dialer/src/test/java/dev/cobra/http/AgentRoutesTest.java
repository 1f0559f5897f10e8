package dev.cobra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.CallId;
import dev.cobra.campaign.AgentEndpoint;
import dev.cobra.campaign.AgentSessions;
import dev.cobra.campaign.RunnerLoop;
import dev.cobra.pbx.asterisk.AsteriskPbx;
import dev.cobra.pbx.asterisk.AsteriskServer;
import dev.cobra.pbx.asterisk.AsteriskSettings;
import dev.cobra.pbx.asterisk.DialString;
import dev.cobra.pbx.asterisk.RecordingSettings;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.scenario.Scenario;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

    @Test
    void withAgentLegsLoginOpensTheAgentsPhoneAndTheAgentIsReadyOnlyOnceItIsUp() throws Exception {
        try (PbxSim sim = PbxSim.builder().scenario(Scenario.traces(7)).amiPort(0).start();
             AsteriskPbx pbx = new AsteriskPbx(new AsteriskServer("ast-1", "127.0.0.1", sim.amiPort(), "dialer", "secret", 10, 10),
                     AsteriskSettings.defaults(new DialString("Local/{number}@customers", DialString.NumberFormat.NATIONAL, "55"),
                             "\"Collections\" <5551000>", RecordingSettings.defaults()), CLOCK, new SplittableRandom(1))) {
            AgentSessions sessions = new AgentSessions(pool, pbx, new AgentEndpoint("Local/{ext}@agents"));
            loop.serveAgents(sessions);
            pbx.setListener(loop);
            pbx.start().get(10, TimeUnit.SECONDS);
            Authenticator auth = new Authenticator(Map.of(AGENT_7, new Principal("agent 77", Role.AGENT, "77")), CLOCK);
            try (HttpServer legs = HttpServer.start("127.0.0.1", 0, AgentRoutes.routes(sessions, loop::call, (c, d, p, b) -> { }),
                    auth, 4096, 2)) {
                HttpResponse<String> noPhone = post(legs, "/api/agents/77/login", "{\"campaigns\": [\"demo\"]}");
                assertEquals(400, noPhone.statusCode(), "an extension is required when agents have legs");
                HttpResponse<String> login = post(legs, "/api/agents/77/login",
                        "{\"campaigns\": [\"demo\"], \"extension\": \"377\", \"pause\": \"training\"}");
                assertEquals(200, login.statusCode(), login.body());
                assertTrue(login.body().contains("\"leg\""), login.body());
                sim.awaitLiveChannelCount(2, Duration.ofSeconds(10));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (loop.call(() -> pool.agent("77").map(a -> a.state()).orElse(AgentState.LOGGED_OUT), Duration.ofSeconds(5))
                        != AgentState.PAUSED) {
                    assertTrue(System.nanoTime() < deadline, "agent 77 PAUSED (as asked at login) once its leg is up");
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                assertEquals(409, post(legs, "/api/agents/77/login", "{\"campaigns\": [\"demo\"], \"extension\": \"377\"}")
                        .statusCode(), "already logged in");
                HttpResponse<String> logout = post(legs, "/api/agents/77/logout", null);
                assertEquals(200, logout.statusCode(), logout.body());
                assertTrue(logout.body().contains("\"state\":\"logged_out\""), logout.body());
                sim.awaitLiveChannelCount(0, Duration.ofSeconds(10));
            }
        }
    }

    private HttpResponse<String> post(HttpServer to, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path))
                .header("Authorization", "Bearer " + AGENT_7).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
