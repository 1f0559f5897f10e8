package dev.cobra.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.accounts.AccountFile;
import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.calls.Pbx;
import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.PresetLoader;
import dev.cobra.compliance.SkipReason;
import dev.cobra.store.AccountImportStore;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.CampaignAttempts;
import dev.cobra.store.CampaignDebtors;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.ClaimStore;
import dev.cobra.store.Database;
import dev.cobra.store.DebtorFactsStore;
import dev.cobra.store.MariaDbExtension;
import dev.cobra.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runner against the real store and the real compliance engine (BR preset). The PBX is a scripted
 * implementation of the port that answers each number as told; the AMI adapter is tested against pbx-sim.
 */
@ExtendWith(MariaDbExtension.class)
class CampaignRunnerTest {
    private static final String HEADER = "debtor_id;name;document;state;account_id;principal;due_date;phone1\n";

    private final Database db;

    CampaignRunnerTest(Database db) {
        this.db = db;
    }

    /** A PBX that plays a scripted sequence of events per dialled number, at once. */
    static final class ScriptedPbx implements Pbx {
        final Map<String, BiConsumer<CallId, Listener>> scripts = new HashMap<>();
        final List<CallRequest> originated = new ArrayList<>();
        final List<String> moves = new ArrayList<>();
        Listener listener;
        boolean available = true;
        Instant at;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void originate(CallRequest r) {
            originated.add(r);
            scripts.getOrDefault(r.number(), (id, l) -> l.onCallEvent(new CallEvent.NotAnswered(id, at, CallEvent.NoAnswerReason.NO_ANSWER, 19)))
                    .accept(r.id(), listener);
        }

        @Override
        public void hangup(CallId id) {}

        @Override
        public void move(CallId id, Destination d) {
            moves.add(id + " -> " + (d instanceof Destination.Agent ? "agent " + ((Destination.Agent) d).agentId() : d.getClass().getSimpleName()));
        }

        @Override
        public void setVariable(CallId id, String n, String v) {}

        @Override
        public void openAgentLeg(String agentId, String endpoint) {}

        @Override
        public void closeAgentLeg(String agentId) {}

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public void setListener(Listener l) {
            listener = l;
        }
    }

    private record Setup(CampaignRunner runner, ScriptedPbx pbx, long campaign) {}

    /** The scripted PBX's events go straight to the runner (the one the list will hold), on the test's thread. */
    private static Pbx.Listener forwardTo(List<CampaignRunner> runner) {
        return new Pbx.Listener() {
            @Override
            public void onCallEvent(CallEvent e) {
                runner.get(0).onCallEvent(e);
            }

            @Override
            public void onAvailability(String p, boolean up) {}
        };
    }

    /** The tests call the runner directly, so no routing of events by call id is needed. */
    private static final CampaignRunner.CallRegistry NO_REGISTRY = new CampaignRunner.CallRegistry() {
        @Override
        public void register(CallId id, CampaignRunner owner) {}

        @Override
        public void unregister(CallId id) {}
    };

    private Setup setup(String code, String csv, Instant importedAt) {
        return setup(code, csv, importedAt, false);
    }

    private Setup setup(String code, String csv, Instant importedAt, boolean record) {
        long campaign = new CampaignStore(db).ensure(code, code, "BR", importedAt).id();
        new AccountImportStore(db).write(campaign, AccountFile.parse(code + ".csv", csv, null), importedAt);
        ScriptedPbx pbx = new ScriptedPbx();
        List<CampaignRunner> self = new ArrayList<>();
        pbx.setListener(forwardTo(self));
        RunnerSettings settings = new RunnerSettings(campaign, code, "+551130000000", Duration.ofSeconds(25),
                new Destination.Ivr("collect"), Duration.ofMinutes(15), record);
        CampaignRunner runner = new CampaignRunner(settings,
                new CampaignDebtors(campaign, "node-t", settings.lease(), new ClaimStore(db), new DebtorFactsStore(db)),
                new CampaignAttempts(campaign, "node-t", "scripted", new AttemptStore(db)),
                new ComplianceEngine(PresetLoader.builtIn("BR"), new DebtorFactsStore(db).doNotCallList()), pbx, CallBudget.fixed(10),
                NO_REGISTRY);
        self.add(runner);
        return new Setup(runner, pbx, campaign);
    }

    /** Tuesday 2026-11-24, 11:00 in São Paulo. */
    private static final Instant TUESDAY_11H_SP = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);

    @Test
    void dialsOnlyWhatTheEngineAllowsAndReleasesEveryoneWithTheNextTime() {
        String csv = HEADER
                + "R1;Ana Souza;529.982.247-25;SP;RC1;100,00;01/10/2026;(11) 98765-4321\n"     // overdue 54 days: call now
                + "R2;Bia Lima;529.982.247-25;SP;RC2;100,00;22/11/2026;(11) 98765-4322\n"      // due 2 days ago: too soon
                + "R3;Caio Reis;529.982.247-25;AM;RC3;100,00;01/10/2026;(92) 99876-5432\n";    // Manaus, 10:00 there: call now
        Setup s = setup("rt1", csv, TUESDAY_11H_SP.minusSeconds(3600));
        s.pbx.at = TUESDAY_11H_SP.plusSeconds(30);
        s.pbx.scripts.put("+5511987654321", (id, l) -> {
            l.onCallEvent(new CallEvent.Dialing(id, TUESDAY_11H_SP));
            l.onCallEvent(new CallEvent.NotAnswered(id, TUESDAY_11H_SP.plusSeconds(3), CallEvent.NoAnswerReason.BUSY, 17));
        });
        s.pbx.scripts.put("+5592998765432", (id, l) -> {
            l.onCallEvent(new CallEvent.Dialing(id, TUESDAY_11H_SP));
            l.onCallEvent(new CallEvent.Answered(id, TUESDAY_11H_SP.plusSeconds(5)));
            l.onCallEvent(new CallEvent.Amd(id, TUESDAY_11H_SP.plusSeconds(7), CallEvent.AmdVerdict.HUMAN, "HUMAN-803-800"));
            l.onCallEvent(new CallEvent.HungUp(id, TUESDAY_11H_SP.plusSeconds(90), 16));
        });

        dev.cobra.metrics.CobraMeters meters = new dev.cobra.metrics.CobraMeters();
        dev.cobra.metrics.CampaignMeters.bind(meters.registry(), "rt1", s.runner.stats(), s.runner::inFlight);

        s.runner.tick(TUESDAY_11H_SP);

        String scrape = meters.scrape();
        assertTrue(scrape.contains("cobra_calls_ended_total{campaign=\"rt1\",outcome=\"busy\"} 1.0"), scrape);
        assertTrue(scrape.contains("cobra_calls_placed_total{campaign=\"rt1\"} 2.0"), scrape);
        assertTrue(scrape.contains("cobra_compliance_skips_total{campaign=\"rt1\",reason=\"too_soon_after_due\"} 1.0"), scrape);
        assertTrue(scrape.contains("cobra_calls_short_total{campaign=\"rt1\"} 1.0"), "the busy call ended 3 s after the originate");
        assertTrue(!scrape.contains("98765"), "no phone numbers in metrics");
        meters.close();

        assertEquals(List.of("+5511987654321", "+5592998765432"), s.pbx.originated.stream().map(CallRequest::number).sorted().toList());
        RunnerStats.Snapshot st = s.runner.stats().snapshot();
        assertEquals(3, st.claimed());
        assertEquals(2, st.placed());
        assertEquals(1L, st.skips().get(SkipReason.TOO_SOON_AFTER_DUE));
        assertEquals(1, st.outcome(CallOutcome.BUSY));
        assertEquals(1, st.outcome(CallOutcome.ANSWERED_HUMAN));
        assertEquals(0, s.runner.inFlight());
        assertEquals(Map.of("busy", 1L, "answered_human", 1L), outcomes(s.campaign));

        // Every debtor was given back with a time in the future and the engine's reason.
        List<String[]> rows = members(s.campaign);
        assertEquals(3, rows.size());
        for (String[] r : rows) {
            assertTrue(Instant.parse(r[1]).isAfter(TUESDAY_11H_SP), r[0] + " next " + r[1]);
            assertTrue(r[2] != null && r[2].startsWith("next call "), r[0] + ": " + r[2]);
        }
        assertEquals(List.of(), new ClaimStore(db).claimDue(s.campaign, 10, TUESDAY_11H_SP.plusSeconds(120), "other"),
                "nobody is due again two minutes later");
    }

    @Test
    void placesNoCallOutsideTheCallingWindowAndPausesWhileThePbxIsDown() {
        String csv = HEADER + "N1;Ana Souza;529.982.247-25;SP;NC1;100,00;01/10/2026;(11) 98765-4321\n";
        Instant night = LocalDateTime.of(2026, 11, 25, 1, 30).toInstant(ZoneOffset.UTC); // 22:30 in São Paulo
        Setup s = setup("rt2", csv, night.minusSeconds(60));
        s.pbx.available = false;
        s.runner.tick(night);
        assertEquals(1, s.runner.stats().snapshot().pausedTicks());
        assertEquals(0, s.runner.stats().snapshot().claimed(), "nothing claimed while the PBX is down");
        s.pbx.available = true;
        s.runner.tick(night);
        assertEquals(List.of(), s.pbx.originated);
        assertEquals(1L, s.runner.stats().snapshot().skips().get(SkipReason.OUTSIDE_WINDOW));
        String[] row = members(s.campaign).get(0);
        assertEquals("2026-11-25T11:00:00Z", row[1], "08:00 in São Paulo the next morning");
        assertTrue(row[2].contains("outside calling window"), row[2]);
    }

    @Test
    void aRecordingCampaignAsksThePbxToRecordAndStoresThePath() {
        String csv = HEADER + "G1;Ana Souza;529.982.247-25;SP;GC1;100,00;01/10/2026;(11) 98765-4321\n";
        Setup s = setup("rt3", csv, TUESDAY_11H_SP.minusSeconds(60), true);
        s.pbx.scripts.put("+5511987654321", (id, l) -> {
            l.onCallEvent(new CallEvent.Answered(id, TUESDAY_11H_SP.plusSeconds(5)));
            l.onCallEvent(new CallEvent.Recording(id, TUESDAY_11H_SP.plusSeconds(5), "2026-11-24/" + id + ".wav"));
            l.onCallEvent(new CallEvent.HungUp(id, TUESDAY_11H_SP.plusSeconds(60), 16));
        });
        s.runner.tick(TUESDAY_11H_SP);
        CallRequest r = s.pbx.originated.get(0);
        assertEquals("yes", r.variables().get(RunnerSettings.RECORD_VARIABLE));
        assertEquals("2026-11-24/" + r.id() + ".wav", new AttemptStore(db).find(r.id().value()) == null ? null
                : db.withConnection(c -> {
                    try (var ps = c.prepareStatement("SELECT recording_path FROM call_attempts WHERE call_id = ?")) {
                        ps.setString(1, r.id().value());
                        try (var rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getString(1);
                        }
                    }
                }));
        Setup quiet = setup("rt4", csv.replace("G1;", "G2;").replace("GC1", "GC2"), TUESDAY_11H_SP.minusSeconds(60), false);
        quiet.pbx.at = TUESDAY_11H_SP.plusSeconds(30);
        quiet.runner.tick(TUESDAY_11H_SP);
        assertEquals(null, quiet.pbx.originated.get(0).variables().get(RunnerSettings.RECORD_VARIABLE));
    }

    @Test
    void withAgentsALiveAnswerGoesToTheLongestIdleAgentOrGetsTheMessageWithinTwoSeconds() {
        String csv = HEADER
                + "A1;Ana Souza;529.982.247-25;SP;AC1;100,00;01/10/2026;(11) 98765-4301\n"
                + "A2;Bia Lima;529.982.247-25;SP;AC2;100,00;01/10/2026;(11) 98765-4302\n"
                + "A3;Caio Reis;529.982.247-25;SP;AC3;100,00;01/10/2026;(11) 98765-4303\n";
        Instant t = TUESDAY_11H_SP;
        long campaign = importCampaign("rt5", csv, t);
        ManualClock clock = new ManualClock(t.minusSeconds(30));
        dev.cobra.agents.AgentPool pool = new dev.cobra.agents.AgentPool(clock, Duration.ofSeconds(20), java.util.Set.of("lunch"));
        pool.login("ag-1", java.util.Set.of("rt5")); // logging in makes an agent READY
        clock.set(t.minusSeconds(10));
        pool.login("ag-2", java.util.Set.of("rt5"));
        AgentDesk desk = desk(pool, "rt5", Duration.ofSeconds(2), 2.0);
        List<CampaignRunner> self = new ArrayList<>();
        Instant answer = t.plusSeconds(4);
        ScriptedPbx pbx = answering(List.of("+5511987654301", "+5511987654302", "+5511987654303"), t, answer, self);
        RunnerSettings settings = new RunnerSettings(campaign, "rt5", "+551130000000", Duration.ofSeconds(25), new Destination.Hold(),
                Duration.ofMinutes(15), false);
        CampaignRunner runner = new CampaignRunner(settings,
                new CampaignDebtors(campaign, "node-t", settings.lease(), new ClaimStore(db), new DebtorFactsStore(db)),
                new CampaignAttempts(campaign, "node-t", "scripted", new AttemptStore(db)),
                new ComplianceEngine(PresetLoader.builtIn("BR"), new DebtorFactsStore(db).doNotCallList()), pbx,
                NO_REGISTRY, desk);
        self.add(runner);

        clock.set(t);
        runner.tick(t); // power 2.0 with 2 ready agents: 4 calls wanted, 3 debtors due; all three answer at t+4 s
        assertEquals(3, pbx.originated.size());
        List<CallId> ids = pbx.originated.stream().map(CallRequest::id).toList();
        assertEquals(List.of(ids.get(0) + " -> agent ag-1", ids.get(1) + " -> agent ag-2"), pbx.moves,
                "longest idle first; the third call waits");
        assertEquals(1, desk.waiting());
        assertEquals(1.5, runner.stats().snapshot().dialRatio(), 1e-9, "3 calls placed with 2 agents ready");

        clock.set(answer.plusMillis(1700));
        runner.tick(clock.instant());
        assertEquals(2, pbx.moves.size(), "still within the limit");
        clock.set(answer.plusMillis(1750));
        runner.tick(clock.instant());
        assertEquals(ids.get(2) + " -> AbandonMessage", pbx.moves.get(2), "the message starts within 2 s of the answer");
        pbx.listener.onCallEvent(new CallEvent.HungUp(ids.get(2), answer.plusSeconds(4), 16));
        assertEquals(1, runner.stats().snapshot().outcome(CallOutcome.ABANDONED));
        assertEquals(1.0 / 3, desk.abandonRate(clock.instant()), 1e-9, "abandoned / live answered");
        assertEquals(1.0 / 3, runner.stats().snapshot().abandonRatio(), 1e-9, "published for the metrics at the tick");

        pbx.listener.onCallEvent(new CallEvent.HungUp(ids.get(0), answer.plusSeconds(90), 16));
        clock.set(answer.plusSeconds(90));
        assertEquals(dev.cobra.agents.AgentState.WRAP_UP, pool.agent("ag-1").orElseThrow().state());
        clock.set(answer.plusSeconds(111));
        runner.tick(clock.instant());
        assertEquals(dev.cobra.agents.AgentState.READY, pool.agent("ag-1").orElseThrow().state(), "back after the wrap-up");
        pbx.listener.onCallEvent(new CallEvent.HungUp(ids.get(1), answer.plusSeconds(120), 16));
        assertEquals(Map.of("abandoned", 1L, "answered_human", 2L), outcomes(campaign));
        assertEquals(0, runner.inFlight());
    }

    @Test
    void anIvrCallerHandedToAnAgentIsJoinedOrHearsTheMessageWithoutCountingAsAbandoned() {
        String csv = HEADER
                + "B1;Ana Souza;529.982.247-25;SP;BC1;100,00;01/10/2026;(11) 98765-4311\n"
                + "B2;Bia Lima;529.982.247-25;SP;BC2;100,00;01/10/2026;(11) 98765-4312\n";
        Instant t = TUESDAY_11H_SP;
        long campaign = importCampaign("rt6", csv, t);
        ManualClock clock = new ManualClock(t.minusSeconds(30));
        dev.cobra.agents.AgentPool pool = new dev.cobra.agents.AgentPool(clock, Duration.ofSeconds(20), java.util.Set.of());
        pool.login("ag-1", java.util.Set.of("rt6"));
        AgentDesk transfers = desk(pool, "rt6", Duration.ofSeconds(30), 1.0);
        List<CampaignRunner> self = new ArrayList<>();
        ScriptedPbx pbx = answering(List.of("+5511987654311", "+5511987654312"), t, t.plusSeconds(4), self);
        RunnerSettings settings = new RunnerSettings(campaign, "rt6", "+551130000000", Duration.ofSeconds(25),
                new Destination.Ivr("collect"), Duration.ofMinutes(15), false);
        CampaignRunner runner = new CampaignRunner(settings,
                new CampaignDebtors(campaign, "node-t", settings.lease(), new ClaimStore(db), new DebtorFactsStore(db)),
                new CampaignAttempts(campaign, "node-t", "scripted", new AttemptStore(db)),
                new ComplianceEngine(PresetLoader.builtIn("BR"), new DebtorFactsStore(db).doNotCallList()), pbx,
                CallBudget.fixed(2), NO_REGISTRY, transfers);
        self.add(runner);

        clock.set(t);
        runner.tick(t);
        assertEquals(2, pbx.originated.size(), "the IVR budget paces, not the agents");
        assertEquals(List.of(), pbx.moves, "IVR calls are not handed to agents at answer");
        List<CallId> ids = pbx.originated.stream().map(CallRequest::id).toList();

        pbx.listener.onCallEvent(new CallEvent.AgentWanted(ids.get(0), t.plusSeconds(10)));
        assertEquals(List.of(ids.get(0) + " -> agent ag-1"), pbx.moves);
        pbx.listener.onCallEvent(new CallEvent.AgentWanted(ids.get(1), t.plusSeconds(11)));
        assertEquals(1, transfers.waiting(), "the only agent is busy: the second caller waits");
        clock.set(t.plusSeconds(11 + 29));
        runner.tick(clock.instant());
        assertEquals(1, pbx.moves.size(), "still within the transfer desk's 30 s");
        clock.set(t.plusSeconds(11 + 30));
        runner.tick(clock.instant());
        assertEquals(ids.get(1) + " -> AbandonMessage", pbx.moves.get(1));

        pbx.listener.onCallEvent(new CallEvent.HungUp(ids.get(1), clock.instant().plusSeconds(5), 16));
        pbx.listener.onCallEvent(new CallEvent.HungUp(ids.get(0), clock.instant().plusSeconds(6), 16));
        assertEquals(Map.of("answered_human", 2L), outcomes(campaign), "a transfer nobody took is not an abandoned answer");
        assertEquals(dev.cobra.agents.AgentState.WRAP_UP, pool.agent("ag-1").orElseThrow().state());
        assertEquals(0, runner.inFlight());
    }

    /** Creates campaign {@code code} (BR) and imports {@code csv} into it a minute before {@code t}. */
    private long importCampaign(String code, String csv, Instant t) {
        long campaign = new CampaignStore(db).ensure(code, code, "BR", t).id();
        new AccountImportStore(db).write(campaign, AccountFile.parse(code + ".csv", csv, null), t.minusSeconds(60));
        return campaign;
    }

    /** A desk with a power pacer of {@code ratio}, checked every 250 ms, waiting at most {@code limit} for an agent. */
    private static AgentDesk desk(dev.cobra.agents.AgentPool pool, String campaign, Duration limit, double ratio) {
        return new AgentDesk(pool, campaign, limit, Duration.ofMillis(250), dev.cobra.pacing.Pacer.power(ratio),
                new dev.cobra.pacing.CallHistory(Duration.ofSeconds(25), 1000, 1000),
                dev.cobra.pacing.AbandonMeter.rolling24Hours(false));
    }

    /** A scripted PBX on which each of {@code numbers} dials at {@code t} and answers at {@code answer}. */
    private static ScriptedPbx answering(List<String> numbers, Instant t, Instant answer, List<CampaignRunner> self) {
        ScriptedPbx pbx = new ScriptedPbx();
        pbx.setListener(forwardTo(self));
        for (String n : numbers) {
            pbx.scripts.put(n, (id, l) -> {
                l.onCallEvent(new CallEvent.Dialing(id, t));
                l.onCallEvent(new CallEvent.Answered(id, answer));
            });
        }
        return pbx;
    }

    private Map<String, Long> outcomes(long campaign) {
        return db.withConnection(c -> {
            Map<String, Long> m = new HashMap<>();
            try (var ps = c.prepareStatement("SELECT outcome, COUNT(*) FROM call_attempts WHERE campaign_id = ? GROUP BY outcome")) {
                ps.setLong(1, campaign);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        m.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return m;
        });
    }

    private List<String[]> members(long campaign) {
        return db.withConnection(c -> {
            List<String[]> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT d.external_id, m.next_eligible_at, m.last_reason, m.lease_id FROM campaign_debtors m"
                    + " JOIN debtors d ON d.id = m.debtor_id WHERE m.campaign_id = ? ORDER BY d.external_id")) {
                ps.setLong(1, campaign);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertEquals(null, rs.getObject(4), "no lease left behind");
                        out.add(new String[] {rs.getString(1),
                                rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString(), rs.getString(3)});
                    }
                }
            }
            return out;
        });
    }
}
