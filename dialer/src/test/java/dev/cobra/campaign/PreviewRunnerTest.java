package dev.cobra.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.accounts.AccountFile;
import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.PresetLoader;
import dev.cobra.pacing.AbandonMeter;
import dev.cobra.pacing.CallHistory;
import dev.cobra.pacing.Pacer;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Preview mode in the runner, against the real store and compliance engine (BR preset) and a scripted PBX, in
 * simulated time (the test moves the clock): one debtor reserved per READY agent, dial, skip, the reservation's time
 * limit, pause and log-out while previewing, a dial the calling window no longer allows, and a campaign that stops.
 */
@ExtendWith(MariaDbExtension.class)
class PreviewRunnerTest {
    private static final String HEADER = "debtor_id;name;document;state;account_id;principal;due_date;phone1\n";
    /** Tuesday 2026-11-24, 11:00 in São Paulo. */
    private static final Instant T = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);
    private static final PreviewDesk.Settings SETTINGS = new PreviewDesk.Settings(Duration.ofSeconds(120), Duration.ofMinutes(60));

    private final Database db;

    PreviewRunnerTest(Database db) {
        this.db = db;
    }

    /** One preview campaign: the runner, its pool, board and PBX, and the clock they share. */
    private final class Setup {
        final ManualClock clock = new ManualClock(T.minusSeconds(60));
        final AgentPool pool = new AgentPool(clock, Duration.ofSeconds(20), Set.of("lunch"));
        final PreviewBoard board = new PreviewBoard(clock);
        final CampaignRunnerTest.ScriptedPbx pbx = new CampaignRunnerTest.ScriptedPbx();
        final AtomicBoolean open = new AtomicBoolean(true);
        final long campaign;
        final CampaignRunner runner;

        Setup(String code, int debtors, int maxLines) {
            StringBuilder csv = new StringBuilder(HEADER);
            for (int i = 1; i <= debtors; i++) {
                csv.append(code).append(i).append(";Devedor ").append(i).append(";529.982.247-25;SP;").append(code).append("C").append(i)
                        .append(";100,00;01/10/2026;(11) 98765-43").append(String.format("%02d", i)).append('\n');
            }
            campaign = new CampaignStore(db).ensure(code, code, "BR", T.minusSeconds(3600)).id();
            new AccountImportStore(db).write(campaign, AccountFile.parse(code + ".csv", csv.toString(), null), T.minusSeconds(3600));
            List<CampaignRunner> self = new ArrayList<>();
            pbx.setListener(new dev.cobra.calls.Pbx.Listener() {
                @Override
                public void onCallEvent(CallEvent e) {
                    self.get(0).onCallEvent(e);
                }

                @Override
                public void onAvailability(String p, boolean up) {}
            });
            RunnerSettings settings = new RunnerSettings(campaign, code, "+551130000000", Duration.ofSeconds(25), new Destination.Hold(),
                    Duration.ofMinutes(15), false);
            AgentDesk desk = new AgentDesk(pool, code, Duration.ofSeconds(2), Duration.ofMillis(250), Pacer.preview(),
                    new CallHistory(Duration.ofSeconds(25), 1000, 1000), AbandonMeter.rolling24Hours(false));
            runner = new CampaignRunner(settings,
                    new CampaignDebtors(campaign, "node-p", settings.lease(), new ClaimStore(db), new DebtorFactsStore(db)),
                    new CampaignAttempts(campaign, "node-p", "scripted", new AttemptStore(db)),
                    new ComplianceEngine(PresetLoader.builtIn("BR"), new DebtorFactsStore(db).doNotCallList()), pbx,
                    new CampaignRunner.CallRegistry() {
                        @Override
                        public void register(CallId id, CampaignRunner owner) {}

                        @Override
                        public void unregister(CallId id) {}
                    },
                    desk, new PreviewDesk(pool, code, campaign, SETTINGS, board), CallBudget.fixed(maxLines), open::get);
            self.add(runner);
        }

        void login(String agent) {
            pool.login(agent, Set.of(runner.settings().callIdPrefix()));
            clock.advance(Duration.ofSeconds(1));
        }

        void tickAt(Instant at) {
            clock.set(at);
            pbx.at = at;
            runner.tick(at);
        }

        AgentState state(String agent) {
            return pool.agent(agent).orElseThrow().state();
        }

        long offered(String agent) {
            return board.offer(agent).orElseThrow(() -> new AssertionError(agent + " has no offer")).debtorId();
        }
    }

    @Test
    void eachReadyAgentGetsItsOwnAllowedDebtorAndNothingIsDialedUntilTheAgentDials() {
        Setup s = new Setup("pv1", 3, 10);
        s.login("ag-1");
        s.login("ag-2");
        s.pool.pause("ag-2", "lunch"); // only READY agents get a debtor
        s.login("ag-3");
        s.tickAt(T);

        assertEquals(AgentState.PREVIEW, s.state("ag-1"));
        assertEquals(AgentState.PREVIEW, s.state("ag-3"));
        assertEquals(AgentState.PAUSED, s.state("ag-2"));
        assertNotEquals(s.offered("ag-1"), s.offered("ag-3"), "one debtor per agent");
        assertTrue(s.board.offer("ag-2").isEmpty());
        assertEquals(List.of(), s.pbx.originated, "preview places no call by itself");
        assertEquals(2, s.runner.stats().snapshot().claimed());
        PreviewDesk.Offer offer = s.board.offer("ag-1").orElseThrow();
        assertEquals(T.plusSeconds(120), offer.expiresAt());
        assertTrue(offer.phoneE164().startsWith("+55119876543"), "the phone the engine chose");

        s.tickAt(T.plusSeconds(1));
        assertEquals(2, s.runner.stats().snapshot().claimed(), "a previewing agent is not offered a second debtor");
        assertEquals(2, s.board.previewing());
        assertTrue(s.pool.assign(new CallId("other"), "pv1").isEmpty(), "a previewing agent takes no other call");
    }

    @Test
    void theDialedCallIsHeldByThatAgentAndItsAnswerIsJoinedToThemOnly() {
        Setup s = new Setup("pv2", 2, 10);
        s.login("ag-1");
        s.login("ag-2");
        s.tickAt(T);
        long debtor = s.offered("ag-2");
        s.pbx.at = T.plusSeconds(10);
        s.pbx.scripts.put(s.board.offer("ag-2").orElseThrow().phoneE164(), (id, l) -> { }); // the test plays the events

        PreviewDesk.Dial dial = s.board.dial("ag-2");

        CallId call = assertInstanceOf(PreviewDesk.Dialed.class, dial).callId();
        assertEquals(1, s.pbx.originated.size());
        CallRequest r = s.pbx.originated.get(0);
        assertEquals(call, r.id());
        assertEquals(new Destination.Hold(), r.onAnswer(), "parked on answer (no AMD), then bridged");
        assertEquals(AgentState.ON_CALL, s.state("ag-2"), "the agent waits on its leg while it rings");
        assertEquals(call, s.pool.agent("ag-2").orElseThrow().call());
        assertEquals(debtor, attemptDebtor(call));
        assertTrue(s.board.offer("ag-2").isEmpty());
        assertEquals(AgentState.PREVIEW, s.state("ag-1"), "the other agent keeps its own debtor");

        s.pbx.listener.onCallEvent(new CallEvent.Dialing(call, T.plusSeconds(11)));
        s.pbx.listener.onCallEvent(new CallEvent.Answered(call, T.plusSeconds(15)));
        assertEquals(List.of(call + " -> agent ag-2"), s.pbx.moves);
        s.clock.set(T.plusSeconds(60));
        s.pbx.listener.onCallEvent(new CallEvent.HungUp(call, T.plusSeconds(60), 16));
        assertEquals(AgentState.WRAP_UP, s.state("ag-2"));
        assertEquals(0, s.runner.inFlight());
        assertEquals(0.0, s.runner.desk().orElseThrow().abandonRate(T.plusSeconds(60)), 1e-9);

        s.tickAt(T.plusSeconds(81)); // wrap-up over: READY, and offered the campaign's next debtor, if any
        assertEquals(AgentState.READY, s.state("ag-2"), "both debtors are taken (one dialed, one with ag-1)");
    }

    @Test
    void aSkippedDebtorIsReleasedWithTheSkipDelayAndTheReasonAndTheNextIsOffered() {
        Setup s = new Setup("pv3", 2, 10);
        s.login("ag-1");
        s.tickAt(T);
        long first = s.offered("ag-1");
        s.clock.set(T.plusSeconds(30));

        s.board.skip("ag-1", "already negotiating by e-mail");

        assertEquals(AgentState.READY, s.state("ag-1"));
        String[] m = member(first);
        assertEquals(null, m[2], "released: no lease");
        assertFalse(Instant.parse(m[0]).isBefore(T.plusSeconds(30).plus(Duration.ofMinutes(60))), "due again after the skip delay: " + m[0]);
        assertEquals("skipped in preview by agent ag-1: already negotiating by e-mail", m[1]);
        assertThrows(IllegalStateException.class, () -> s.board.skip("ag-1", ""), "nothing reserved any more");

        s.tickAt(T.plusSeconds(31));
        assertEquals(AgentState.PREVIEW, s.state("ag-1"));
        assertNotEquals(first, s.offered("ag-1"), "the next debtor");
        assertEquals(List.of(), s.pbx.originated);
    }

    @Test
    void aReservationNotActedOnIsReleasedWhenItsTimeRunsOut() {
        Setup s = new Setup("pv4", 1, 10);
        s.login("ag-1");
        s.tickAt(T);
        long debtor = s.offered("ag-1");

        s.tickAt(T.plusSeconds(119));
        assertEquals(T, s.board.offer("ag-1").orElseThrow().reservedAt(), "still held");

        s.clock.set(T.plusSeconds(120));
        s.pbx.available = false; // released even while the PBX is down; offered again only once it is back
        s.tickAt(T.plusSeconds(120));
        assertEquals(AgentState.READY, s.state("ag-1"));
        String[] m = member(debtor);
        assertEquals(null, m[2], "released: no lease");
        assertEquals(T.plusSeconds(120).toString(), m[0], "nobody judged it: due again at once");
        assertEquals("preview not acted on within 120 s", m[1]);

        s.pbx.available = true;
        s.tickAt(T.plusSeconds(121));
        assertEquals(T.plusSeconds(121), s.board.offer("ag-1").orElseThrow().reservedAt(), "a new reservation");
    }

    @Test
    void pausingOrLoggingOutWhilePreviewingReleasesTheDebtorAtOnce() {
        Setup s = new Setup("pv5", 2, 10);
        s.login("ag-1");
        s.login("ag-2");
        s.tickAt(T);
        long a = s.offered("ag-1");
        long b = s.offered("ag-2");

        s.pool.pause("ag-1", "lunch"); // PREVIEW -> PAUSED
        s.pool.logout("ag-2");          // PREVIEW -> LOGGED_OUT
        s.tickAt(T.plusSeconds(5));

        assertEquals(AgentState.PAUSED, s.state("ag-1"));
        assertEquals(0, s.board.previewing());
        for (long d : new long[] {a, b}) {
            String[] m = member(d);
            assertEquals(null, m[2], "released");
            assertEquals(T.plusSeconds(5).toString(), m[0]);
            assertTrue(m[1].endsWith("left the preview before dialing"), m[1]);
        }
        assertThrows(IllegalStateException.class, () -> s.board.dial("ag-1"));
        assertEquals(List.of(), s.pbx.originated);
    }

    @Test
    void aDialTheCallingWindowNoLongerAllowsIsRefusedAndTheDebtorGivenBack() {
        Setup s = new Setup("pv6", 1, 10);
        Instant late = LocalDateTime.of(2026, 11, 24, 22, 59, 30).toInstant(ZoneOffset.UTC); // 19:59:30 in São Paulo
        s.clock.set(late.minusSeconds(60));
        s.login("ag-1");
        s.tickAt(late);
        long debtor = s.offered("ag-1");

        s.clock.set(late.plusSeconds(40)); // 20:00:10: the window (Mon-Fri 08-20) closed while the agent looked
        PreviewDesk.Dial dial = s.board.dial("ag-1");

        assertInstanceOf(PreviewDesk.Refused.class, dial);
        assertEquals(List.of(), s.pbx.originated, "never dialed outside the window");
        assertEquals(AgentState.READY, s.state("ag-1"));
        String[] m = member(debtor);
        assertEquals(null, m[2]);
        assertTrue(Instant.parse(m[0]).isAfter(late.plusSeconds(3600)), "next call tomorrow: " + m[0]);
        s.tickAt(late.plusSeconds(41));
        assertEquals(AgentState.READY, s.state("ag-1"), "nothing is allowed now: nothing offered");
    }

    @Test
    void aStoppedCampaignEndsItsReservationsAndTheLinesCapHowManyAreHeld() {
        Setup s = new Setup("pv7", 5, 2);
        s.login("ag-1");
        s.login("ag-2");
        s.login("ag-3");
        s.tickAt(T);
        assertEquals(2, s.board.previewing(), "maxLines 2: two reservations");
        Set<String> previewing = new HashSet<>();
        for (String a : List.of("ag-1", "ag-2", "ag-3")) {
            if (s.state(a) == AgentState.PREVIEW) {
                previewing.add(a);
            }
        }
        assertEquals(Set.of("ag-1", "ag-2"), previewing, "idle longest first");

        s.open.set(false);
        s.tickAt(T.plusSeconds(2));
        assertEquals(0, s.board.previewing());
        for (String a : List.of("ag-1", "ag-2", "ag-3")) {
            assertEquals(AgentState.READY, s.state(a));
        }
        assertEquals(0, leased(s.campaign), "every claim released");
    }

    private long attemptDebtor(CallId call) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT debtor_id FROM call_attempts WHERE call_id = ?")) {
                ps.setString(1, call.value());
                try (var rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "attempt written before the originate");
                    return rs.getLong(1);
                }
            }
        });
    }

    /** next_eligible_at, last_reason, lease_id of the debtor's campaign row. */
    private String[] member(long debtorId) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT next_eligible_at, last_reason, lease_id FROM campaign_debtors WHERE debtor_id = ?")) {
                ps.setLong(1, debtorId);
                try (var rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    Object lease = rs.getObject(3);
                    return new String[] {rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString(), rs.getString(2),
                            lease == null ? null : lease.toString()};
                }
            }
        });
    }

    private int leased(long campaign) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM campaign_debtors WHERE campaign_id = ? AND lease_id IS NOT NULL")) {
                ps.setLong(1, campaign);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
