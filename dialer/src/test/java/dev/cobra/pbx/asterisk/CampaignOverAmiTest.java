package dev.cobra.pbx.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.Destination;
import dev.cobra.campaign.CampaignRunner;
import dev.cobra.campaign.CallBudget;
import dev.cobra.campaign.RunnerLoop;
import dev.cobra.campaign.RunnerSettings;
import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.PresetLoader;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.CampaignAttempts;
import dev.cobra.store.CampaignDebtors;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.ClaimStore;
import dev.cobra.store.Database;
import dev.cobra.store.DebtorFactsStore;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole Asterisk slice: the campaign runner claims due debtors from MariaDB, the BR compliance preset allows
 * them, attempts are written ahead, and the AMI adapter dials them on pbx-sim over a real socket; each traced
 * scenario must end with its outcome on the attempt row, every attempt closed once and every debtor released.
 */
@ExtendWith(MariaDbExtension.class)
class CampaignOverAmiTest {
    /** Tuesday 2026-11-24, 11:00 in São Paulo: inside the BR calling window. */
    private static final Instant TUESDAY_11H_SP = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);
    /** Trace customer number (see pbx-traces/asterisk/README.md) and the outcome its scenario must give. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("101", "busy");
        EXPECTED.put("102", "no_answer");
        EXPECTED.put("103", "failed");              // congestion, cause 34
        EXPECTED.put("104", "answered_human");      // answers and hangs up at once (AMDSTATUS=HANGUP)
        EXPECTED.put("105", "answered_machine");    // AMD: MACHINE
        EXPECTED.put("106", "answered_human");      // AMD: HUMAN
        EXPECTED.put("109", "invalid_number");      // reason 0, cause 1
        EXPECTED.put("110", "answered_human");      // rings 4 s, then answers
    }

    private final Database db;

    CampaignOverAmiTest(Database db) {
        this.db = db;
    }

    @Test
    void dialsACampaignOverAmiAndRecordsEveryTracedOutcome() throws Exception {
        long campaign = new CampaignStore(db).ensure("ami-e2e", "AMI end to end", "BR", TUESDAY_11H_SP).id();
        Fixtures.bulkDebtors(db, campaign, "E2E-", EXPECTED.size(), TUESDAY_11H_SP.minus(Duration.ofDays(1)));
        List<String> traces = List.copyOf(EXPECTED.keySet());
        db.withConnection(c -> {
            for (int i = 0; i < traces.size(); i++) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE phones p JOIN debtors d ON d.id = p.debtor_id SET p.e164 = ? WHERE d.external_id = ?")) {
                    ps.setString(1, SimFixture.e164(traces.get(i)));
                    ps.setString(2, "E2E-" + (i + 1));
                    ps.executeUpdate();
                }
            }
            return null;
        });
        // Time runs from Tuesday 11:00 in São Paulo, whatever the machine's clock says.
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));

        try (PbxSim sim = SimFixture.startSim(0);
             AsteriskPbx pbx = new AsteriskPbx(SimFixture.server(sim, "secret", 100, 50),
                     SimFixture.settings("Local/{number}@customers"), clock, new SplittableRandom(1));
             RunnerLoop loop = new RunnerLoop(clock)) {
            pbx.setListener(loop);
            pbx.start().get(10, TimeUnit.SECONDS);
            RunnerSettings settings = new RunnerSettings(campaign, "e2e", "+551130000000", Duration.ofSeconds(15),
                    new Destination.Ivr("collect"), Duration.ofMinutes(15), false);
            CampaignRunner runner = new CampaignRunner(settings,
                    new CampaignDebtors(campaign, "node-e2e", settings.lease(), new ClaimStore(db), new DebtorFactsStore(db)),
                    new CampaignAttempts(campaign, "node-e2e", pbx.name(), new AttemptStore(db)),
                    new ComplianceEngine(PresetLoader.builtIn("BR"), new DebtorFactsStore(db).doNotCallList()), pbx, CallBudget.fixed(20),
                    loop);
            loop.start(runner, Duration.ofMillis(200));

            await(Duration.ofSeconds(90), () -> loop.call(() -> runner.stats().snapshot().ended(), Duration.ofSeconds(5)) == EXPECTED.size(),
                    "every call ends");
            assertEquals(EXPECTED.size(), loop.call(() -> runner.stats().snapshot().placed(), Duration.ofSeconds(5)),
                    "one call per debtor, none re-dialled");
            assertEquals(0, loop.call(runner::inFlight, Duration.ofSeconds(5)));
        }

        Map<String, String> got = new TreeMap<>();
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.e164, a.outcome, a.ended_at FROM call_attempts a"
                    + " JOIN phones p ON p.id = a.phone_id WHERE a.campaign_id = ?")) {
                ps.setLong(1, campaign);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertTrue(rs.getObject(3) != null, "attempt to " + rs.getString(1) + " closed");
                        String trace = rs.getString(1).substring(rs.getString(1).length() - 3);
                        assertEquals(null, got.put(trace, rs.getString(2)), "one attempt per number");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM campaign_debtors WHERE campaign_id = ?"
                    + " AND (lease_id IS NOT NULL OR next_eligible_at IS NULL OR next_eligible_at <= ?)")) {
                ps.setLong(1, campaign);
                ps.setObject(2, LocalDateTime.ofInstant(TUESDAY_11H_SP, ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "every debtor released with a future next-eligible time");
                }
            }
            return null;
        });
        assertEquals(new TreeMap<>(EXPECTED), got);
    }

    private static void await(Duration timeout, Check check, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean ok() throws Exception;
    }
}
