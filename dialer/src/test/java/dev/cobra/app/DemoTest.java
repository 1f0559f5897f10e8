package dev.cobra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.agents.AgentState;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.MariaDbExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code cobra demo} end to end against the test MariaDB: a whole node on pbx-sim with both demo campaigns, the
 * simulated agents working the HTTP API. The test signs in the agent left for a person with the credentials the demo
 * printed (as the console would) and waits (bounded) until a call pops its screen, a simulated agent took a break, and
 * the demo has shown what it is for (calls in both campaigns, calls joined to agents, agreements stored, dispositions
 * posted); then it stops the demo the way Ctrl-C does and checks the clean shutdown in the database and the output. Nothing here depends on how long anything took.
 */
@ExtendWith(MariaDbExtension.class)
class DemoTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DbSettings server;
    private final Map<String, String> env;

    DemoTest(DbSettings settings) {
        this.server = settings;
        this.env = Map.of("COBRA_DB_URL", settings.jdbcUrl(), "COBRA_DB_USER", settings.user(), "COBRA_DB_PASSWORD",
                settings.password(), "HOSTNAME", "test-node");
    }

    @Test
    void dialsBothCampaignsAgentsTakeCallsTheIvrMakesAgreementsAndItStopsCleanly() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Demo demo = new Demo(out, env::get);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                // Seed 149: three of the five agents ask for a break on their first call.
                return demo.run(new Demo.Options(10, 12, 5, 149, 0, Duration.ofSeconds(2)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DbSettings demoDb = server.withDatabase(Demo.DATABASE).withPoolSize(2);
        Database[] watch = new Database[1];
        try {
            await("the start-up lines are printed", run, () -> bytes.toString(StandardCharsets.UTF_8).contains("Metrics (Prometheus)"));
            String start = bytes.toString(StandardCharsets.UTF_8);
            Matcher url = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+)/console").matcher(start);
            Matcher token = Pattern.compile("agent " + Demo.HUMAN_AGENT + ", token (\\S+), extension " + Demo.HUMAN_EXTENSION).matcher(start);
            assertTrue(url.find() && token.find(), "the console URL and the human's agent id, token and extension: " + start);
            // What the console does when the person signs in with what was printed; then the desk gives it calls too.
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/api/agents/" + Demo.HUMAN_AGENT
                    + "/login")).timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token.group(1))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"campaigns\": [\"" + Demo.AGENT_CAMPAIGN + "\"], \"extension\": \""
                            + Demo.HUMAN_EXTENSION + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            await("a call is joined to the person's agent and its debtor screen pops", run, () -> http.send(HttpRequest.newBuilder(
                    URI.create(url.group(1) + "/api/agents/" + Demo.HUMAN_AGENT + "/screen")).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token.group(1)).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 200);
            await("a simulated agent took a break", run, () -> demo.breaksTaken() > 0);
            await("both campaigns placed calls, agents took some, the IVR stored an agreement and an agent posted a disposition",
                    run, () -> {
                        try {
                            if (watch[0] == null) {
                                watch[0] = new Database(demoDb, "demo-test");
                            }
                            Database db = watch[0];
                            return count(db, "SELECT COUNT(DISTINCT campaign_id) FROM call_attempts") == 2
                                    && count(db, "SELECT COUNT(*) FROM call_attempts WHERE bridged_at IS NOT NULL") > 0
                                    && count(db, "SELECT COUNT(*) FROM agreements") > 0
                                    && count(db, "SELECT COUNT(*) FROM call_attempts WHERE disposition IS NOT NULL") > 0
                                    && bytes.toString(StandardCharsets.UTF_8).contains("agents:");
                        } catch (RuntimeException notYet) {
                            return false; // the demo database is not created or migrated yet
                        }
                    });
            assertEquals(0, demo.agentRequestFailures(), "the node accepted every request of the simulated agents");
        } finally {
            demo.stop();
            if (watch[0] != null) {
                watch[0].close();
            }
        }
        assertEquals(0, run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        String o = bytes.toString(StandardCharsets.UTF_8);

        try (Database db = new Database(demoDb, "demo-test")) {
            assertEquals(0, count(db, "SELECT COUNT(*) FROM call_attempts WHERE ended_at IS NULL OR outcome IS NULL"),
                    "every attempt closed with an outcome: " + o);
            assertEquals(0, count(db, "SELECT COUNT(*) FROM campaign_debtors WHERE lease_id IS NOT NULL"), "no lease held");
            assertTrue(count(db, "SELECT COUNT(*) FROM call_attempts a JOIN campaigns c ON c.id = a.campaign_id"
                    + " WHERE c.code = 'demo-agents' AND a.bridged_at IS NOT NULL") > 0, "predictive calls were joined to agents");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM call_attempts a JOIN campaigns c ON c.id = a.campaign_id"
                    + " WHERE c.code = 'demo-ivr' AND a.bridged_at IS NOT NULL AND a.ivr_progress IS NULL"),
                    "an IVR call reaches an agent only by the IVR's transfer");
            assertTrue(count(db, "SELECT COUNT(*) FROM agreements g JOIN call_attempts a ON a.id = g.attempt_id"
                    + " JOIN campaigns c ON c.id = a.campaign_id WHERE c.code = 'demo-ivr'") > 0, "agreements made in the IVR");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM call_attempts a JOIN campaigns c ON c.id = a.campaign_id"
                    + " WHERE c.code = 'demo-agents' AND a.disposition IS NOT NULL AND a.bridged_at IS NULL"),
                    "agents dispose only calls they took (the IVR sets dispositions of its own, e.g. wrong_party)");
        }

        assertTrue(o.contains("demo time starts Tue 2026-11-24 10:00 America/Sao_Paulo"), o);
        assertTrue(o.contains("http://127.0.0.1:") && o.contains("/metrics    readiness:"), "the metrics URL is printed: " + o);
        Matcher placed = Pattern.compile("demo-agents: (\\d+) calls placed").matcher(o);
        assertTrue(placed.find() && Integer.parseInt(placed.group(1)) > 0, o);
        assertTrue(o.contains("hand-off, answer to agent: p50 "), o);
        assertTrue(Pattern.compile("agreements made in the IVR: [1-9]").matcher(o).find(), o);
        assertTrue(o.contains("stopped cleanly:"), o);
        assertFalse(Pattern.compile("\\+?55\\d{10,11}|\\(\\d\\d\\) 9?\\d{4}-\\d{4}").matcher(o).find(), "no phone numbers: " + o);
        assertFalse(o.contains("Carla Campos"), "no debtor names");
    }

    @Test
    void agentStatesReadAsAPersonWouldSayThem() {
        assertEquals("2 on call, 1 ready, 0 wrap-up, 1 paused, 0 logged out",
                Demo.agentStates(Map.of(AgentState.ON_CALL, 2, AgentState.READY, 1, AgentState.PAUSED, 1)));
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> sorted = List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
        assertEquals(50L, Demo.percentile(sorted, 0.50));
        assertEquals(100L, Demo.percentile(sorted, 0.95));
        assertEquals(7L, Demo.percentile(List.of(7L), 0.95));
    }

    private static long count(Database db, String sql) {
        return db.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void await(String what, CompletableFuture<?> run, Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.ok()) {
            if (run.isDone()) {
                run.get(); // the demo ended early: its failure is the test's
                throw new AssertionError("the demo ended before " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean ok() throws Exception;
    }
}
