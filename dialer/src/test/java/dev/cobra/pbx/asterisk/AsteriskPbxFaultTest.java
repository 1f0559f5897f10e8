package dev.cobra.pbx.asterisk;

import static dev.cobra.pbx.asterisk.SimFixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults between the adapter and the PBX, with write-ahead attempts in a real MariaDB: each attempt is opened before
 * its originate and must be closed exactly once whatever happens to the AMI session or the PBX.
 */
@ExtendWith(MariaDbExtension.class)
class AsteriskPbxFaultTest {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private final int test = TESTS.incrementAndGet();
    private final String node = "node-fault-" + test;
    private final Database db;
    private final AttemptStore attempts;
    private final CallLog log = new CallLog();
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicInteger duplicateCloses = new AtomicInteger();
    private final Map<String, Boolean> open = new ConcurrentHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private long[] ids;

    AsteriskPbxFaultTest(Database db) {
        this.db = db;
        this.attempts = new AttemptStore(db);
        log.onEnd((call, outcome) -> {
            if (attempts.close(call.id().value(), call.endedAt(), outcome.code(), call.cause())) {
                closes.incrementAndGet();
            } else {
                duplicateCloses.incrementAndGet();
            }
        });
    }

    @AfterEach
    void release() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private long[] ids() {
        if (ids == null) {
            Instant t0 = Instant.parse("2026-11-24T12:00:00Z");
            String prefix = "flt" + test + "-";
            long campaign = new CampaignStore(db).ensure("fault" + test, "fault", "BR", t0).id();
            Fixtures.bulkDebtors(db, campaign, prefix, 1, t0);
            ids = db.withConnection(c -> {
                try (var ps = c.prepareStatement("SELECT d.id, p.id FROM debtors d JOIN phones p ON p.debtor_id = d.id"
                        + " WHERE d.external_id = ?")) {
                    ps.setString(1, prefix + "1");
                    var rs = ps.executeQuery();
                    rs.next();
                    return new long[] {campaign, rs.getLong(1), rs.getLong(2)};
                }
            });
        }
        return ids;
    }

    private PbxSim sim(int port) throws InterruptedException {
        PbxSim sim = SimFixture.startSim(port);
        resources.add(sim);
        return sim;
    }

    private AsteriskPbx adapter(PbxSim sim) throws Exception {
        AsteriskPbx pbx = SimFixture.pbx(sim, SimFixture.settings("Local/{number}@customers"), 500, 500, log);
        resources.add(pbx);
        pbx.start().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return pbx;
    }

    /** Write-ahead: the attempt row exists before the originate is handed to the adapter. */
    private CallRequest dial(AsteriskPbx pbx, CallRequest r) {
        long[] k = ids();
        attempts.open(r.id().value(), k[0], k[1], k[2], node, pbx.name(), Instant.now());
        open.put(r.id().value(), true);
        log.expect(r.id());
        pbx.originate(r);
        return r;
    }

    private List<CallRequest> answeredCalls(AsteriskPbx pbx, int first, int count) {
        List<CallRequest> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(dial(pbx, SimFixture.request(String.format("+55119%08d", first + i), new Destination.Hold(),
                    Duration.ofSeconds(30), Map.of())));
        }
        for (CallRequest r : out) {
            log.awaitEvent(r.id(), CallEvent.Answered.class, WAIT);
        }
        return out;
    }

    private void assertEveryAttemptClosedOnce(int expected) {
        assertEquals(List.of(), attempts.openAttempts(node), "no attempt stays open");
        assertEquals(expected, closes.get(), "each attempt closed by its own outcome");
        assertEquals(0, duplicateCloses.get(), "no attempt closed twice");
    }

    @Test
    void amiCutMidCallReattachesLiveCallsAndEndsEachAttemptOnce() throws Exception {
        PbxSim sim = sim(0);
        AsteriskPbx pbx = adapter(sim);
        List<CallRequest> live = answeredCalls(pbx, 7000, 20);
        CallRequest ringing = dial(pbx, SimFixture.request(SimFixture.e164("102"), new Destination.Ivr("collect"),
                Duration.ofSeconds(5), Map.of()));
        log.awaitEvent(ringing.id(), CallEvent.Ringing.class, WAIT);
        int originatesBefore = (int) pbx.stats().originatesSent();

        sim.cutAmiConnections();
        log.awaitAvailability(3, WAIT); // up, down, up again
        assertEquals(List.of(true, false, true), log.availability(), "dialing paused while down, resumed after");
        assertEquals(21, pbx.stats().reattached(), "every call still up on the PBX is reattached");
        assertEquals(0, pbx.stats().lostOnReconcile());
        assertEquals(originatesBefore, pbx.stats().originatesSent(), "nothing dialed again because of the reconnect");

        // The ringing call's OriginateResponse went with the old session: its Hangup cause (19) decides.
        assertEquals(CallOutcome.NO_ANSWER, log.awaitOutcome(ringing.id(), WAIT));
        for (CallRequest r : live) {
            pbx.hangup(r.id());
        }
        log.awaitAllEnded(WAIT);
        for (CallRequest r : live) {
            assertEquals(CallOutcome.ANSWERED_HUMAN, log.call(r.id()).outcome());
        }
        assertEveryAttemptClosedOnce(21);
    }

    @Test
    void aCallWhoseEventsWereNeverSeenIsFoundByItsChannelVariableAfterAReconnect() throws Exception {
        PbxSim sim = sim(0);
        AsteriskPbx pbx = adapter(sim);
        sim.stallAmi(Duration.ofSeconds(120)); // the Response, VarSets and OriginateResponse all stay on the PBX
        CallRequest unseen = dial(pbx, SimFixture.request(SimFixture.e164("108"), new Destination.Hold(),
                Duration.ofSeconds(30), Map.of()));
        CallLog.until(() -> sim.liveChannelCount() == 2, WAIT, "the simulated call to be up");
        assertEquals(List.of(), log.events(unseen.id()));

        sim.cutAmiConnections();
        log.awaitAvailability(3, WAIT);
        log.awaitEvent(unseen.id(), CallEvent.Answered.class, WAIT);
        assertEquals(1, pbx.stats().reattached(), "Getvar COBRA_CALL_ID on unclaimed channels found it");
        assertEquals(1, pbx.stats().originatesSent(), "never dialed again");
        pbx.hangup(unseen.id());
        assertEquals(CallOutcome.ANSWERED_HUMAN, log.awaitOutcome(unseen.id(), WAIT));
        CallLog.until(() -> sim.liveChannelCount() == 0, WAIT, "the call's channels to be gone");
        assertEveryAttemptClosedOnce(1);
    }

    @Test
    void aCallThePbxNeverReportsOnIsEndedByItsGuardAndItsLateChannelHungUp() throws Exception {
        PbxSim sim = sim(0);
        AsteriskSettings s = SimFixture.settings("Local/{number}@customers");
        AsteriskPbx pbx = SimFixture.pbx(sim, s.withTimings(s.reconnectMin(), s.reconnectMax(), Duration.ofSeconds(1),
                s.failureSettle(), s.auditInterval()), 10, 10, log);
        resources.add(pbx);
        pbx.start().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        sim.stallAmi(Duration.ofSeconds(10)); // longer than ring timeout 5 s + grace 1 s
        CallRequest silent = dial(pbx, SimFixture.request(SimFixture.e164("108"), new Destination.Hold(),
                Duration.ofSeconds(5), Map.of()));
        assertEquals(CallOutcome.UNKNOWN, log.awaitOutcome(silent.id(), WAIT), "ended by the guard, not left open");
        assertInstanceOf(CallEvent.Lost.class, log.events(silent.id()).get(log.events(silent.id()).size() - 1));
        assertEquals(1, pbx.stats().guardExpired());
        CallLog.until(() -> pbx.stats().lateChannelsHungUp() == 1 && sim.liveChannelCount() == 0, WAIT,
                "the late channel of the ended call to be hung up");
        assertEquals(1, log.events(silent.id()).stream().filter(e -> e instanceof CallEvent.Lost).count());
        assertEveryAttemptClosedOnce(1);
    }

    @Test
    void pbxRestartEndsEveryLostCallAndDialingResumesOnTheSamePort() throws Exception {
        PbxSim sim = sim(0);
        int port = sim.amiPort();
        AsteriskPbx pbx = adapter(sim);
        List<CallRequest> live = answeredCalls(pbx, 8000, 10);

        resources.remove(sim);
        sim.close();
        log.awaitAvailability(2, WAIT);
        assertFalse(pbx.available());
        CallRequest whileDown = dial(pbx, SimFixture.request("106"));
        assertEquals(CallEvent.NoAnswerReason.NOT_PLACED,
                log.awaitEvent(whileDown.id(), CallEvent.NotAnswered.class, WAIT).reason(), "refused while the PBX is down");

        PbxSim restarted = sim(port);
        log.awaitAvailability(3, WAIT);
        for (CallRequest r : live) {
            assertEquals(CallOutcome.DROPPED, log.awaitOutcome(r.id(), WAIT), "answered, then lost with the PBX");
            assertInstanceOf(CallEvent.Lost.class, log.events(r.id()).get(log.events(r.id()).size() - 1));
        }
        assertEquals(10, pbx.stats().lostOnReconcile());

        CallRequest after = dial(pbx, SimFixture.request("101"));
        assertEquals(CallOutcome.BUSY, log.awaitOutcome(after.id(), WAIT), "dialing works again after the restart");
        CallLog.until(() -> restarted.liveChannelCount() == 0, WAIT, "no channel left on the restarted PBX");
        assertEveryAttemptClosedOnce(12);
    }

    @Test
    void loginFailureIsAClearErrorNamingServerAndUser() throws Exception {
        PbxSim sim = sim(0);
        AsteriskPbx pbx = new AsteriskPbx(SimFixture.server(sim, "wrong", 10, 10), SimFixture.settings("Local/{number}@customers"),
                Clock.systemUTC(), new SplittableRandom(3));
        resources.add(pbx);
        ExecutionException e = assertThrows(ExecutionException.class, () -> pbx.start().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(AmiLoginException.class, e.getCause());
        assertEquals("AMI login refused by ast-1 (127.0.0.1:" + sim.amiPort() + ") for user 'dialer': Authentication failed"
                + " (check manager.conf [dialer] secret and permit=)", e.getCause().getMessage());
        assertFalse(e.getCause().getMessage().contains("wrong"), "the secret is never in a message");
        assertFalse(pbx.available());
    }

    @Test
    void malformedFramesAreSkippedAndTheSessionKeepsWorking() throws Exception {
        PbxSim sim = sim(0);
        AsteriskPbx pbx = adapter(sim);
        CallRequest before = answeredCalls(pbx, 9000, 1).get(0);
        sim.sendRawToAmiClients("this line has no colon\r\nEvent: Hangup\r\nUniqueid\r\n\r\n");
        sim.sendRawToAmiClients("Event: VarSet\r\nVariable: " + "x".repeat(300_000) + "\r\n\r\n");
        sim.sendRawToAmiClients("Event: OriginateResponse\r\nActionID: o-nobody\r\nResponse: Failure\r\nReason: x\r\n\r\n");
        CallLog.until(() -> pbx.frameErrors() >= 1, WAIT, "the over-long frame to be reported");
        assertTrue(pbx.available());
        pbx.hangup(before.id());
        assertEquals(CallOutcome.ANSWERED_HUMAN, log.awaitOutcome(before.id(), WAIT));
        CallRequest after = dial(pbx, SimFixture.request("103"));
        assertEquals(CallOutcome.FAILED, log.awaitOutcome(after.id(), WAIT));
        assertEquals(1, pbx.stats().sessions(), "no reconnect was needed");
        assertEveryAttemptClosedOnce(2);
    }
}
