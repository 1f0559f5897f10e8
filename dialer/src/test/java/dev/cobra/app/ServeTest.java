package dev.cobra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.config.CobraConfig;
import dev.cobra.http.HttpResult;
import dev.cobra.http.Route;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.scenario.CustomerMix;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cobra serve} end to end on real sockets: the node starts from a cobra.yaml against pbx-sim (AMI) and a real
 * MariaDB, reports readiness, dials a campaign as soon as its status says running, stops dialing when it is paused,
 * and leaves no open attempt and no held lease after shutdown (answered calls are held by the simulator until the
 * shutdown hangs them up).
 */
@ExtendWith(MariaDbExtension.class)
class ServeTest {
    /** Tuesday 2026-11-24, 11:00 in São Paulo: inside the BR calling window. */
    private static final Instant TUESDAY_11H_SP = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CAMPAIGN = "serve-e2e";
    private static final String AGENT_CAMPAIGN = "serve-agents";
    private static final String AGENT_TOKEN = "agent-1001-token-0123456789";
    private static final String ADMIN_TOKEN = "admin-token-0123456789";
    private static final String PREVIEW_CAMPAIGN = "serve-preview";

    private final Database db;
    private final DbSettings settings;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServeTest(Database db, DbSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    @Test
    void servesACampaignWhileRunningStopsWhenPausedAndLeavesNothingOpenAtShutdown(@TempDir Path dir) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));
        CampaignStore campaigns = new CampaignStore(db);
        Campaign campaign = campaigns.ensure(CAMPAIGN, "Serve end to end", "BR", clock.instant());
        campaigns.update(CAMPAIGN, campaign.name(), "BR", new Campaign.Dialing("ivr", "collection", 3, new BigDecimal("1.5"),
                new BigDecimal("0.03"), 15, false, "+551140042000"), clock.instant());
        Fixtures.bulkDebtors(db, campaign.id(), "SRV-", 12, TUESDAY_11H_SP.minus(Duration.ofDays(1)));

        try (PbxSim sim = PbxSim.builder().scenario(Scenario.builder(11).customers(CustomerMix.typical()).build()).start()) {
            CobraConfig config = config(sim, dir);
            Server.RouteSource extra = services -> List.of(Route.open("GET", "/extra", r -> HttpResult.ok(Map.of("node",
                    services.config().node()))));
            Server server = Server.start(config, clock, List.of(extra));
            Server.Stopped stopped;
            try {
                await("/health/ready reports the database and the PBX up", () -> get(server, "/health/ready").statusCode() == 200);
                String ready = get(server, "/health/ready").body();
                assertTrue(ready.contains("\"database\"") && ready.contains("\"pbx:ast-1\""), ready);
                assertEquals("{\"node\":\"serve-test\"}", get(server, "/extra").body(), "extra route lists are served");
                assertEquals(0, attempts(), "a draft campaign is not dialed");
                assertTrue(get(server, "/console").body().contains("<html"), "the agent console is served");
                assertTrue(get(server, "/api/openapi.yaml").body().startsWith("openapi:"), "the API description is served");
                assertEquals(401, get(server, "/api/campaigns").statusCode(), "the API asks for a token");
                String metrics = get(server, "/metrics").body();
                assertTrue(metrics.contains("cobra_pbx_up{pbx=\"ast-1\"} 1.0"), "PBX state is exported");

                campaigns.setStatus(CAMPAIGN, "running", clock.instant());
                await("the running campaign places its 3 lines", () -> attempts() >= 3);
                assertEquals(java.util.Set.of(CAMPAIGN), server.dialing().keySet());

                campaigns.update(CAMPAIGN, campaign.name(), "BR", new Campaign.Dialing("ivr", "collection", 5, new BigDecimal("1.5"),
                        new BigDecimal("0.03"), 15, false, "+551140042000"), clock.instant());
                await("the changed settings are picked up, never more than 5 calls at once", () -> {
                    assertTrue(openAttempts() <= 5, "lines: the replaced runner's calls count against the new limit");
                    return server.dialing().get(CAMPAIGN).dialing().maxLines() == 5;
                });

                campaigns.setStatus(CAMPAIGN, "paused", clock.instant());
                await("the paused campaign stops dialing", () -> !server.dialing().containsKey(CAMPAIGN));
                long placed = attempts();
                long ticks = server.ticks();
                await("20 more pacing ticks pass", () -> server.ticks() >= ticks + 20);
                assertEquals(placed, attempts(), "no new call once paused");
            } finally {
                stopped = server.shutdown();
            }
            assertEquals(0, stopped.campaigns(), "the paused campaign was no longer dialing: " + stopped);
        }
        assertEquals(0L, count("SELECT COUNT(*) FROM call_attempts WHERE ended_at IS NULL AND campaign_id = ?", campaign.id()),
                "every attempt closed");
        assertEquals(0L, count("SELECT COUNT(*) FROM campaign_debtors WHERE lease_id IS NOT NULL AND campaign_id = ?", campaign.id()),
                "no lease held");
        assertEquals(0L, count("SELECT COUNT(*) FROM call_attempts WHERE outcome IS NULL AND campaign_id = ?", campaign.id()),
                "every attempt has an outcome");
    }

    @Test
    void anAgentCampaignDialsOnlyForReadyAgentsLoggedInWithTheirToken(@TempDir Path dir) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));
        CampaignStore campaigns = new CampaignStore(db);
        Campaign campaign = campaigns.ensure(AGENT_CAMPAIGN, "Serve with agents", "BR", clock.instant());
        campaigns.update(AGENT_CAMPAIGN, campaign.name(), "BR", new Campaign.Dialing("progressive", "collection", 5,
                new BigDecimal("1.5"), new BigDecimal("0.03"), 15, false, null), clock.instant());
        Fixtures.bulkDebtors(db, campaign.id(), "SRVA-", 5, TUESDAY_11H_SP.minus(Duration.ofDays(1)));
        campaigns.setStatus(AGENT_CAMPAIGN, "running", clock.instant());

        try (PbxSim sim = PbxSim.builder().scenario(Scenario.builder(11).customers(CustomerMix.typical()).build()).start()) {
            Server server = Server.start(config(sim, dir), clock, List.of());
            try {
                await("the agent campaign is dialing", () -> server.dialing().containsKey(AGENT_CAMPAIGN));
                long ticks = server.ticks();
                await("20 pacing ticks pass", () -> server.ticks() >= ticks + 20);
                assertEquals(0, attempts(AGENT_CAMPAIGN), "progressive: no ready agent, no call");

                String body = "{\"campaigns\": [\"" + AGENT_CAMPAIGN + "\"], \"extension\": \"301\"}";
                assertEquals(403, post(server, "/api/agents/1002/login", AGENT_TOKEN, body).statusCode(),
                        "an agent's token acts only for that agent");
                HttpResponse<String> login = post(server, "/api/agents/1001/login", AGENT_TOKEN, body);
                assertEquals(200, login.statusCode(), login.body());
                await("the agent's leg (Local/301@agents on pbx-sim) is up and the agent ready",
                        () -> get(server, "/api/agents", "admin-token-0123456789").body().contains("\"leg\":\"up\""));
                await("a call is placed for the ready agent", () -> attempts(AGENT_CAMPAIGN) >= 1);
            } finally {
                server.shutdown();
            }
        }
        assertEquals(0L, count("SELECT COUNT(*) FROM call_attempts WHERE ended_at IS NULL AND campaign_id = ?", campaign.id()));
        assertEquals(0L, count("SELECT COUNT(*) FROM campaign_debtors WHERE lease_id IS NOT NULL AND campaign_id = ?", campaign.id()));
    }

    @Test
    void aPreviewAgentSkipsOneDebtorDialsTheNextAndOnlyThatAgentIsBridgedToIt(@TempDir Path dir) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));
        CampaignStore campaigns = new CampaignStore(db);
        Campaign campaign = campaigns.ensure(PREVIEW_CAMPAIGN, "Serve preview", "BR", clock.instant());
        campaigns.update(PREVIEW_CAMPAIGN, campaign.name(), "BR", new Campaign.Dialing("preview", "collection", 5,
                new BigDecimal("1.5"), new BigDecimal("0.03"), 15, false, null), clock.instant());
        Fixtures.bulkDebtors(db, campaign.id(), "SRVP-", 3, TUESDAY_11H_SP.minus(Duration.ofDays(1)));
        campaigns.setStatus(PREVIEW_CAMPAIGN, "running", clock.instant());
        // Every debtor answers after a second's ringing and talks for 4 s (the simulator knows them by national number).
        Scenario.Builder scenario = Scenario.builder(13);
        for (String e164 : phones(campaign.id())) {
            scenario.number(e164.substring(3), dev.cobra.pbxsim.scenario.PhoneBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        }

        try (PbxSim sim = PbxSim.builder().scenario(scenario.build()).start()) {
            Server server = Server.start(config(sim, dir), clock, List.of());
            try {
                await("the node is ready (database and PBX up)", () -> get(server, "/health/ready").statusCode() == 200);
                assertEquals(404, get(server, "/api/agents/1001/preview", AGENT_TOKEN).statusCode(), "not logged in: nothing reserved");
                String body = "{\"campaigns\": [\"" + PREVIEW_CAMPAIGN + "\"], \"extension\": \"%s\"}";
                assertEquals(200, post(server, "/api/agents/1001/login", AGENT_TOKEN, String.format(body, "301")).statusCode());
                assertEquals(200, post(server, "/api/agents/1002/login", ADMIN_TOKEN, String.format(body, "302")).statusCode());
                await("both agents' legs are up and each has a debtor reserved", () ->
                        get(server, "/api/agents/1001/preview", AGENT_TOKEN).statusCode() == 200
                                && get(server, "/api/agents/1002/preview", ADMIN_TOKEN).statusCode() == 200);
                assertEquals(403, get(server, "/api/agents/1002/preview", AGENT_TOKEN).statusCode(), "an agent sees only its own");
                String first = previewed(server, "1001", AGENT_TOKEN);
                String other = previewed(server, "1002", ADMIN_TOKEN);
                assertFalse(first.equals(other), "one debtor per agent: " + first);
                assertEquals(0, attempts(PREVIEW_CAMPAIGN), "nothing is dialed until an agent dials");
                assertTrue(get(server, "/api/agents", ADMIN_TOKEN).body().contains("\"state\":\"preview\""));

                assertEquals(400, post(server, "/api/agents/1001/preview/skip", AGENT_TOKEN, "{\"reason\": \"" + "x".repeat(201) + "\"}")
                        .statusCode(), "a reason over 200 characters is refused");
                HttpResponse<String> skip = post(server, "/api/agents/1001/preview/skip", AGENT_TOKEN, "{\"reason\": \"test skip\"}");
                assertEquals(200, skip.statusCode(), skip.body());
                await("the agent is offered the next debtor", () -> get(server, "/api/agents/1001/preview", AGENT_TOKEN).statusCode() == 200);
                String next = previewed(server, "1001", AGENT_TOKEN);
                assertFalse(next.equals(first) || next.equals(other), "neither the skipped debtor nor the other agent's: " + next);

                HttpResponse<String> dial = post(server, "/api/agents/1001/preview/dial", AGENT_TOKEN, "");
                assertEquals(200, dial.statusCode(), dial.body());
                String callId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dial.body()).path("callId").asText();
                assertTrue(agentState(server, "1001").equals("on_call"), "the agent holds the call while it rings");
                assertEquals(409, post(server, "/api/agents/1001/preview/dial", AGENT_TOKEN, "").statusCode(), "nothing left to dial");
                await("the debtor answers and is bridged to the agent's leg", () ->
                        count("SELECT COUNT(*) FROM call_attempts WHERE bridged_at IS NOT NULL AND call_id = ?", callId) == 1);
                await("the debtor hangs up: the agent is in wrap-up", () -> agentState(server, "1001").equals("wrap_up"));
                assertEquals(next, Fixtures.row(db, "SELECT d.external_id FROM call_attempts a JOIN debtors d ON d.id = a.debtor_id"
                        + " WHERE a.call_id = ?", callId, 1).get(0), "the call went to the debtor the agent previewed");
                assertEquals(1, attempts(PREVIEW_CAMPAIGN), "one call, the one the agent dialed");
                assertEquals("preview", agentState(server, "1002"), "the other agent never got the call");
                assertEquals(other, previewed(server, "1002", ADMIN_TOKEN));
                assertEquals("skipped in preview by agent 1001: test skip", Fixtures.row(db, "SELECT m.last_reason FROM campaign_debtors m"
                        + " JOIN debtors d ON d.id = m.debtor_id WHERE d.external_id = ?", first, 1).get(0));
            } finally {
                server.shutdown();
            }
        }
        assertEquals(0L, count("SELECT COUNT(*) FROM call_attempts WHERE ended_at IS NULL AND campaign_id = ?", campaign.id()));
        assertEquals(0L, count("SELECT COUNT(*) FROM campaign_debtors WHERE lease_id IS NOT NULL AND campaign_id = ?", campaign.id()),
                "the reservation left at shutdown is released too");
    }

    /** The external id of the debtor reserved for the agent. */
    private String previewed(Server server, String agent, String token) throws Exception {
        HttpResponse<String> r = get(server, "/api/agents/" + agent + "/preview", token);
        assertEquals(200, r.statusCode(), r.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("screen").path("debtor").path("externalId").asText();
    }

    private String agentState(Server server, String agent) throws Exception {
        for (com.fasterxml.jackson.databind.JsonNode a : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get(server, "/api/agents", ADMIN_TOKEN).body()).path("agents")) {
            if (a.path("id").asText().equals(agent)) {
                return a.path("state").asText();
            }
        }
        return "unknown";
    }

    private List<String> phones(long campaignId) {
        return db.withConnection(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement("SELECT p.e164 FROM phones p JOIN campaign_debtors m ON m.debtor_id = p.debtor_id"
                    + " WHERE m.campaign_id = ?")) {
                ps.setLong(1, campaignId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Test
    void atStartANodeClosesWhatItsPreviousRunLeftOpenAndReleasesItsLeases(@TempDir Path dir) throws Exception {
        Instant crash = TUESDAY_11H_SP.minus(Duration.ofHours(1));
        Campaign campaign = new CampaignStore(db).ensure("serve-crashed", "Crashed run", "BR", crash);
        Fixtures.bulkDebtors(db, campaign.id(), "SRVC-", 2, crash.minus(Duration.ofDays(1)));
        List<dev.cobra.store.Claim> claims = new dev.cobra.store.ClaimStore(db).claimDue(campaign.id(), 2, crash, "serve-test");
        long[] ids = Fixtures.debtorAndPhone(db, "SRVC-1");
        new dev.cobra.store.AttemptStore(db).open("crashed-call-1", campaign.id(), ids[0], ids[1], "serve-test", "ast-1", crash);
        assertEquals(2, claims.size());

        String yaml = "node: serve-test\ndataDir: " + dir + "\nhttp: {port: 0}\nfastagi: {port: 0}\n";
        Map<String, String> env = Map.of("COBRA_DB_URL", settings.jdbcUrl(), "COBRA_DB_USER", settings.user(), "COBRA_DB_PASSWORD",
                settings.password());
        Server server = Server.start(CobraConfig.load("cobra.yaml", yaml, env::get), Clock.fixed(TUESDAY_11H_SP, ZoneOffset.UTC),
                List.of());
        Server.Stopped stopped;
        try {
            assertEquals("unknown", Fixtures.row(db, "SELECT outcome FROM call_attempts WHERE call_id = ?", "crashed-call-1", 1).get(0),
                    "the open attempt is closed: its call was never seen to end");
            assertEquals(0L, count("SELECT COUNT(*) FROM campaign_debtors WHERE lease_id IS NOT NULL AND campaign_id = ?", campaign.id()));
            HttpResponse<String> ready = get(server, "/health/ready");
            assertEquals(200, ready.statusCode(), "no PBX configured: ready to serve the API, nothing to dial");
            assertEquals(Map.of(), server.dialing());
        } finally {
            stopped = server.shutdown();
        }
        assertEquals(new Server.Stopped(0, 0, 0, 0, 0), stopped);
        assertEquals(stopped, server.shutdown(), "shutdown runs once; a second call returns its result");
    }

    @Test
    void paymentsFallDueOnBrazilianBankingDaysOnly() {
        assertTrue(Server.bankingDay(java.time.LocalDate.of(2026, 11, 24)), "a Tuesday");
        assertFalse(Server.bankingDay(java.time.LocalDate.of(2026, 11, 20)), "Friday, Dia da Consciência Negra (Lei 14.759/2023)");
        assertFalse(Server.bankingDay(java.time.LocalDate.of(2026, 11, 28)), "a Saturday");
    }

    /** A node on pbx-sim, every port ephemeral, fast pacing, a 1 s shutdown grace, an admin and an agent token. */
    private CobraConfig config(PbxSim sim, Path dir) {
        return config(sim, dir, settings, "serve-test");
    }

    /** As above, for node {@code node} (other tests of whole nodes start theirs with it). */
    static CobraConfig config(PbxSim sim, Path dir, DbSettings settings, String node) {
        String yaml = String.join("\n",
                "node: " + node,
                "dataDir: " + dir,
                "pbx:",
                "  asterisk:",
                "    - name: ast-1",
                "      host: 127.0.0.1",
                "      port: " + sim.amiPort(),
                "      username: dialer",
                "      secret: ${AMI_SECRET}",
                "      callerId: '\"Cobra\" <1140042000>'",
                "      dialString: {template: 'Local/{number}@customers', numberFormat: national, countryCode: '55'}",
                "fastagi: {port: 0}",
                "http:",
                "  port: 0",
                "  tokens:",
                "    - {token: admin-token-0123456789, role: admin}",
                "    - {token: '" + AGENT_TOKEN + "', role: agent, agent: '1001'}",
                "agents: {endpoint: 'Local/{ext}@agents', wrapUpSeconds: 5, pauseReasons: [lunch]}",
                "dialing: {tickMillis: 100, pollSeconds: 1, shutdownGraceSeconds: 1}",
                "logging: {packages: {dev.cobra.app: info}}",
                "");
        Map<String, String> env = Map.of("AMI_SECRET", "secret", "COBRA_DB_URL", settings.jdbcUrl(), "COBRA_DB_USER",
                settings.user(), "COBRA_DB_PASSWORD", settings.password());
        return CobraConfig.load("cobra.yaml", yaml, env::get);
    }

    private long attempts() {
        return attempts(CAMPAIGN);
    }

    private long attempts(String code) {
        return count("SELECT COUNT(*) FROM call_attempts a JOIN campaigns c ON c.id = a.campaign_id WHERE c.code = ?", code);
    }

    private HttpResponse<String> post(Server server, String path, String token, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long openAttempts() {
        return count("SELECT COUNT(*) FROM call_attempts a JOIN campaigns c ON c.id = a.campaign_id WHERE a.ended_at IS NULL"
                + " AND c.code = ?", CAMPAIGN);
    }

    private long count(String sql, Object key) {
        return ((Number) Fixtures.row(db, sql, key, 1).get(0)).longValue();
    }

    private HttpResponse<String> get(Server server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Server server, String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }
}
