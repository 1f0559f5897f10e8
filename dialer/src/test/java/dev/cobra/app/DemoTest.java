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
 * simulated agents working the HTTP API. The test waits (bounded) until the demo has shown what it is for (calls in
 * both campaigns, calls joined to agents, agreements stored, dispositions posted), then stops it the way Ctrl-C does
 * and checks the clean shutdown in the database and the output. Nothing here depends on how long anything took.
 */
@ExtendWith(MariaDbExtension.class)
class DemoTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

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
                return demo.run(new Demo.Options(10, 12, 5, 7, 0, Duration.ofSeconds(2)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DbSettings demoDb = server.withDatabase(Demo.DATABASE).withPoolSize(2);
        Database[] watch = new Database[1];
        try {
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
                    + " WHERE c.code = 'demo-ivr' AND a.bridged_at IS NOT NULL"), "IVR calls are not joined to agents");
            assertTrue(count(db, "SELECT COUNT(*) FROM agreements g JOIN call_attempts a ON a.id = g.attempt_id"
                    + " JOIN campaigns c ON c.id = a.campaign_id WHERE c.code = 'demo-ivr'") > 0, "agreements made in the IVR");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM call_attempts WHERE disposition IN ('promise_to_pay', 'callback',"
                    + " 'refused', 'wrong_party') AND bridged_at IS NULL"), "agents dispose only calls they took");
        }

        assertTrue(o.contains("demo time starts Tue 2026-11-24 10:00 America/Sao_Paulo"), o);
        Matcher console = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+)/console").matcher(o);
        assertTrue(console.find(), "the console URL is printed: " + o);
        assertTrue(o.contains(console.group(1) + "/metrics"), "the metrics URL is printed: " + o);
        assertTrue(Pattern.compile("agent " + Demo.HUMAN_AGENT + ", token \\S{16,}, extension " + Demo.HUMAN_EXTENSION).matcher(o).find(),
                "the human's agent id, token and extension: " + o);
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
