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
import dev.cobra.ivr.flow.FlowApplication;
import dev.cobra.ivr.flow.FlowLibrary;
import dev.cobra.ivr.flow.IvrSettings;
import dev.cobra.ivr.plan.InstallmentPolicy;
import dev.cobra.metrics.CampaignMeters;
import dev.cobra.metrics.CobraMeters;
import dev.cobra.metrics.IvrMeters;
import dev.cobra.metrics.PbxMeters;
import dev.cobra.pbx.asterisk.agi.FastAgiServer;
import dev.cobra.pbx.asterisk.agi.FastAgiServerConfig;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.agi.DebtorScript;
import dev.cobra.pbxsim.agi.FastAgiDialplan;
import dev.cobra.pbxsim.agi.FastAgiSimClient;
import dev.cobra.pbxsim.agi.PromptLengths;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.CampaignAttempts;
import dev.cobra.store.CampaignDebtors;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.ClaimStore;
import dev.cobra.store.Database;
import dev.cobra.store.DebtorFactsStore;
import dev.cobra.store.Fixtures;
import dev.cobra.store.IvrStore;
import dev.cobra.store.MariaDbExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The IVR path as on a real Asterisk: the runner places the call over AMI, the simulated dialplan runs AMD and
 * then AGI into Cobra's FastAGI server, the shipped flow confirms the right party, offers installments, and the
 * debtor's keys make an agreement that lands in MariaDB against the attempt the runner wrote ahead.
 */
@ExtendWith(MariaDbExtension.class)
class IvrOverAmiTest {
    private static final Instant TUESDAY_11H_SP = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);
    private static final InstallmentPolicy POLICY = new InstallmentPolicy(6, new BigDecimal("100.00"), BigDecimal.ZERO,
            new BigDecimal("0.10"), BigDecimal.ZERO, 5, RoundingMode.HALF_EVEN, false);

    private final Database db;

    IvrOverAmiTest(Database db) {
        this.db = db;
    }

    @Test
    void aDebtorReachedOverAmiMakesAnAgreementInTheIvr() throws Exception {
        long campaign = new CampaignStore(db).ensure("ivr-ami", "IVR over AMI", "BR", TUESDAY_11H_SP).id();
        Fixtures.bulkDebtors(db, campaign, "IVRAMI-", 1, TUESDAY_11H_SP.minus(Duration.ofDays(1)));
        long[] ids = Fixtures.debtorAndPhone(db, "IVRAMI-1");
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE phones SET e164 = ? WHERE id = ?")) {
                ps.setString(1, SimFixture.e164("108")); // answers, says hello, stays on the line
                ps.setLong(2, ids[1]);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE accounts SET principal = 1000.00, interest = 200.00, fees = 37.50 WHERE debtor_id = ?")) {
                ps.setLong(1, ids[0]);
                return ps.executeUpdate();
            }
        });
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));
        FlowLibrary flows = FlowLibrary.shipped(getClass().getClassLoader(), List.of("ivr-flows/collection.yaml"));
        flows.reload();
        CobraMeters meters = new CobraMeters(); // wired as `cobra serve` does: IVR, runner and PBX meters
        FlowApplication app = new FlowApplication(flows, "collection", new IvrStore(db, clock, ZoneId.of("America/Sao_Paulo")),
                c -> new IvrSettings(POLICY, false, false, false, "1140042000", Optional.empty()), date -> true, clock,
                new IvrMeters(meters.registry(), id -> id == campaign ? "ivr-ami" : "other"));

        try (meters; FastAgiServer agi = new FastAgiServer(FastAgiServerConfig.defaults().withPort(0).withSessions(4, 4)
                        .withCallIdVariable("COBRA_CALL_ID"), Map.of("collection", app));
             FastAgiSimClient agiClient = FastAgiSimClient.forTests()) {
            InetSocketAddress agiAddress = agi.start();
            // Right party (1), installments (2), three of them (3), confirm (1): one key every 2 s of call time.
            FastAgiDialplan dialplan = new FastAgiDialplan(agiClient, agiAddress, "collection", "pt_BR",
                    call -> DebtorScript.builder().pressAt(Duration.ofSeconds(2), "1").pressAt(Duration.ofSeconds(4), "2")
                            .pressAt(Duration.ofSeconds(6), "3").pressAt(Duration.ofSeconds(8), "1").build(),
                    PromptLengths.uniform(Duration.ofMillis(10)));
            try (PbxSim sim = PbxSim.builder().scenario(SimFixture.scenario(7)).answeredCallHandler(dialplan).start();
                 AsteriskPbx pbx = new AsteriskPbx(SimFixture.server(sim, "secret", 10, 10),
                         SimFixture.settings("Local/{number}@customers"), clock, new SplittableRandom(1));
                 RunnerLoop loop = new RunnerLoop(clock)) {
                pbx.setListener(loop);
                pbx.start().get(10, TimeUnit.SECONDS);
                RunnerSettings settings = new RunnerSettings(campaign, "ivr", "+551130000000", Duration.ofSeconds(20),
                        new Destination.Ivr("collection"), Duration.ofMinutes(15), false);
                CampaignRunner runner = new CampaignRunner(settings,
                        new CampaignDebtors(campaign, "node-ivr", settings.lease(), new ClaimStore(db), new DebtorFactsStore(db)),
                        new CampaignAttempts(campaign, "node-ivr", pbx.name(), new AttemptStore(db)),
                        new ComplianceEngine(PresetLoader.builtIn("BR"), new DebtorFactsStore(db).doNotCallList()), pbx,
                        CallBudget.fixed(1), loop);
                CampaignMeters.bind(meters.registry(), "ivr-ami", runner.stats(), runner::inFlight);
                PbxMeters.bind(meters.registry(), pbx);
                loop.start(runner, Duration.ofMillis(200));
                CallLog.until(() -> {
                    try {
                        return loop.call(() -> runner.stats().snapshot().ended(), Duration.ofSeconds(5)) == 1;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, Duration.ofSeconds(60), "the call ends");
                assertTrue(meters.scrape().contains("cobra_pbx_up{pbx=\"" + pbx.name() + "\"} 1"), meters.scrape());
            }
            // The IVR reports its outcome as the AGI session ends, which may be just after the runner saw the hang-up.
            CallLog.until(() -> meters.scrape().contains("cobra_ivr_calls_total{campaign=\"ivr-ami\",outcome=\"agreement\"} 1"),
                    Duration.ofSeconds(10), "the IVR outcome is counted");
            String scrape = meters.scrape();
            assertTrue(scrape.contains("cobra_agreements_total{campaign=\"ivr-ami\"} 1"), scrape);
            assertTrue(scrape.contains("cobra_agreements_amount_brl_total{campaign=\"ivr-ami\"} 1237.5"), scrape);
            assertTrue(scrape.contains("cobra_ivr_right_party_confirmed_total{campaign=\"ivr-ami\"} 1"), scrape);
            assertTrue(scrape.contains("cobra_calls_placed_total{campaign=\"ivr-ami\"} 1"), scrape);
            assertEquals(0, dialplan.failures());
            assertEquals(1, dialplan.records().size());
            List<String> played = dialplan.records().get(0).playedNames();
            assertTrue(played.contains("pt-BR/phrase/agreement-recorded"), played.toString());
        }

        List<Object> attempt = row("SELECT a.outcome, a.ivr_progress, a.disposition, g.plan, g.total, acc.status"
                + " FROM call_attempts a JOIN agreements g ON g.attempt_id = a.id JOIN accounts acc ON acc.id = g.account_id"
                + " WHERE a.campaign_id = ?", campaign, 6);
        assertEquals("answered_human", attempt.get(0));
        assertEquals("goodbye", attempt.get(1));
        assertEquals("agreement", attempt.get(2));
        assertEquals("installments-3", attempt.get(3));
        assertEquals(0, new BigDecimal("1237.50").compareTo((BigDecimal) attempt.get(4)));
        assertEquals("in_agreement", attempt.get(5));
        assertEquals("done", row("SELECT state FROM campaign_debtors WHERE campaign_id = ?", campaign, 1).get(0),
                "an agreement stops the cadence: the debtor leaves the campaign");
    }

    private List<Object> row(String sql, Object key, int columns) {
        return Fixtures.row(db, sql, key, columns);
    }
}
