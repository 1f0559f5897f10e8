package dev.cobra.pbx.asterisk;

import static dev.cobra.pbx.asterisk.SimFixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.pbxsim.PbxSim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every outcome of the traces, over real localhost sockets against pbx-sim, decided by the {@code Call} state machine. */
class AsteriskPbxOutcomesTest {
    private PbxSim sim;
    private final CallLog log = new CallLog();
    private final List<AsteriskPbx> adapters = new ArrayList<>();

    @BeforeEach
    void startSim() throws InterruptedException {
        sim = SimFixture.startSim(0);
    }

    @AfterEach
    void stop() {
        adapters.forEach(AsteriskPbx::close);
        sim.close();
    }

    private AsteriskPbx start(String template, int maxCalls, int perSecond) throws Exception {
        AsteriskPbx pbx = SimFixture.pbx(sim, SimFixture.settings(template), maxCalls, perSecond, log);
        adapters.add(pbx);
        pbx.start().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(pbx.available());
        return pbx;
    }

    private CallRequest dial(AsteriskPbx pbx, CallRequest r) {
        log.expect(r.id());
        pbx.originate(r);
        return r;
    }

    @Test
    void everyTracedOutcomeIsDecidedFromAmiEvents() throws Exception {
        AsteriskPbx pbx = start("Local/{number}@customers", 100, 100);
        CallRequest human = dial(pbx, SimFixture.request("106"));
        CallRequest machine = dial(pbx, SimFixture.request("105"));
        CallRequest busy = dial(pbx, SimFixture.request("101"));
        CallRequest noAnswer = dial(pbx, SimFixture.request(SimFixture.e164("102"), new Destination.Ivr("collect"),
                Duration.ofSeconds(5), Map.of()));
        CallRequest congestion = dial(pbx, SimFixture.request("103"));
        CallRequest unallocated = dial(pbx, SimFixture.request("109"));
        CallRequest answerHangup = dial(pbx, SimFixture.request("104"));
        CallRequest ringThenAnswer = dial(pbx, SimFixture.request("110"));
        CallRequest dtmf = dial(pbx, SimFixture.request("100"));

        assertEquals(CallOutcome.BUSY, log.awaitOutcome(busy.id(), WAIT));
        assertEquals(17, log.call(busy.id()).cause(), "cause 17 from the ;2 half, 0 on ;1");
        assertEquals(CallOutcome.FAILED, log.awaitOutcome(congestion.id(), WAIT));
        assertEquals(34, log.call(congestion.id()).cause());
        assertEquals(CallOutcome.INVALID_NUMBER, log.awaitOutcome(unallocated.id(), WAIT));
        assertEquals(1, log.call(unallocated.id()).cause(), "reason 0 with cause 1 is an unallocated number");

        CallEvent.Amd humanVerdict = log.awaitEvent(human.id(), CallEvent.Amd.class, WAIT);
        assertEquals(CallEvent.AmdVerdict.HUMAN, humanVerdict.verdict());
        assertEquals("HUMAN-803-800", humanVerdict.cause());
        pbx.hangup(human.id());
        assertEquals(CallOutcome.ANSWERED_HUMAN, log.awaitOutcome(human.id(), WAIT));

        assertEquals(CallOutcome.ANSWERED_MACHINE, log.awaitOutcome(machine.id(), WAIT), "AMD MACHINE, beep, hang-up");
        assertEquals("LONGGREETING-1500-1500", log.call(machine.id()).amdCause());

        assertEquals(CallOutcome.ANSWERED_HUMAN, log.awaitOutcome(answerHangup.id(), WAIT));
        assertEquals(CallEvent.AmdVerdict.HANGUP, log.call(answerHangup.id()).amd(), "AMDSTATUS=HANGUP as in the trace");

        log.awaitEvent(ringThenAnswer.id(), CallEvent.Answered.class, WAIT);
        List<Class<?>> order = log.events(ringThenAnswer.id()).stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(CallEvent.Dialing.class, CallEvent.Ringing.class, CallEvent.Answered.class), order.subList(0, 3));
        pbx.hangup(ringThenAnswer.id());
        assertEquals(CallOutcome.ANSWERED_HUMAN, log.awaitOutcome(ringThenAnswer.id(), WAIT));

        assertEquals('1', log.awaitEvent(dtmf.id(), CallEvent.Dtmf.class, WAIT).digit());
        pbx.hangup(dtmf.id());
        assertEquals(CallOutcome.ANSWERED_HUMAN, log.awaitOutcome(dtmf.id(), WAIT));

        assertEquals(CallOutcome.NO_ANSWER, log.awaitOutcome(noAnswer.id(), WAIT));
        assertEquals(19, log.call(noAnswer.id()).cause());
        assertTrue(log.events(noAnswer.id()).stream().anyMatch(CallEvent.Ringing.class::isInstance));

        CallLog.until(() -> sim.liveChannelCount() == 0, WAIT, "every simulated channel hung up");
        assertEquals(0, pbx.stats().inFlight());
        assertEquals(List.of(), log.unexpected());
    }

    @Test
    void unknownDialStringContextAndUnknownLandingContextAreNotPlaced() throws Exception {
        AsteriskPbx badChannel = start("Local/{number}@nosuchcontext", 10, 10);
        // A number with no fixed behaviour: the simulator, like Asterisk, finds no such context for the ;2 half.
        CallRequest viaBadChannel = dial(badChannel, SimFixture.request("+5511988887777", new Destination.Ivr("collect"),
                Duration.ofSeconds(30), Map.of()));
        assertEquals(CallOutcome.FAILED, log.awaitOutcome(viaBadChannel.id(), WAIT));
        CallEvent.NotAnswered n = log.awaitEvent(viaBadChannel.id(), CallEvent.NotAnswered.class, WAIT);
        assertEquals(CallEvent.NoAnswerReason.NOT_PLACED, n.reason(), "reason 0 with cause 0");

        AsteriskSettings s = SimFixture.settings("Local/{number}@customers");
        AsteriskSettings badLanding = new AsteriskSettings(s.dialString(),
                new DialplanContexts("nosuchcontext", "s", "hold", "cobra-agent", "cobra-abandon"), s.callerId(), s.recording(),
                s.connectTimeout(), s.actionTimeout(), s.reconnectMin(), s.reconnectMax(), s.originateGrace(),
                s.failureSettle(), s.auditInterval(), s.maxPendingActions());
        AsteriskPbx pbx = SimFixture.pbx(sim, badLanding, 10, 10, log);
        adapters.add(pbx);
        pbx.start().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        CallRequest viaBadLanding = dial(pbx, SimFixture.request("106"));
        CallEvent.NotAnswered refused = log.awaitEvent(viaBadLanding.id(), CallEvent.NotAnswered.class, WAIT);
        assertEquals(CallEvent.NoAnswerReason.NOT_PLACED, refused.reason(), "Response: Error / Extension does not exist.");
        assertEquals(1, pbx.stats().originatesRejected());
        assertFalse(log.events(viaBadLanding.id()).stream().anyMatch(CallEvent.Dialing.class::isInstance));
    }

    @Test
    void recordingStartsOnAnswerOnlyWhenTheCallAsksAndAFailedStartIsCounted() throws Exception {
        AsteriskPbx pbx = start("Local/{number}@customers", 10, 10);
        CallRequest recorded = dial(pbx, SimFixture.request(SimFixture.e164("108"), new Destination.Hold(),
                Duration.ofSeconds(30), Map.of(RecordingSettings.FLAG, "yes")));
        CallRequest plain = dial(pbx, SimFixture.request(SimFixture.e164("108"), new Destination.Hold(),
                Duration.ofSeconds(30), Map.of()));
        log.awaitEvent(recorded.id(), CallEvent.Answered.class, WAIT);
        log.awaitEvent(plain.id(), CallEvent.Answered.class, WAIT);
        // pbx-sim has no MixMonitor ("Invalid/unknown command"): the failure is counted and logged, the call goes on.
        CallLog.until(() -> pbx.stats().recordingsFailed() == 1, WAIT, "the MixMonitor answer");
        assertEquals(0, pbx.stats().recordingsStarted());
        pbx.hangup(recorded.id());
        pbx.hangup(plain.id());
        assertEquals(CallOutcome.ANSWERED_HUMAN, log.awaitOutcome(recorded.id(), WAIT));
        assertEquals(CallOutcome.ANSWERED_HUMAN, log.awaitOutcome(plain.id(), WAIT));
        assertEquals(1, pbx.stats().recordingsFailed(), "only the call that asked for recording tried");
    }

    /** Dials {@code count} numbers that ring 2 s and answer (the traces' _X. extension), then awaits {@code until} on each. */
    private List<CallRequest> dialHeld(AsteriskPbx pbx, int first, int count, Class<? extends CallEvent> until) {
        List<CallRequest> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(dial(pbx, SimFixture.request(String.format("+55119%08d", first + i), new Destination.Hold(),
                    Duration.ofSeconds(30), Map.of())));
        }
        for (CallRequest r : out) {
            log.awaitEvent(r.id(), until, WAIT);
        }
        return out;
    }

    @Test
    void aBurstOfConcurrentOriginatesAllEndOnceAndLimitsRefuseLoudly() throws Exception {
        AsteriskPbx pbx = start("Local/{number}@customers", 60, 1000);
        List<CallRequest> burst = dialHeld(pbx, 5000, 50, CallEvent.Answered.class);
        List<CallRequest> upToLimit = dialHeld(pbx, 6000, 10, CallEvent.Dialing.class);
        assertEquals(60, pbx.stats().inFlight());
        CallRequest oneTooMany = dial(pbx, SimFixture.request("+5511900009999", new Destination.Hold(), Duration.ofSeconds(30), Map.of()));
        CallEvent.NotAnswered n = log.awaitEvent(oneTooMany.id(), CallEvent.NotAnswered.class, WAIT);
        assertEquals(CallEvent.NoAnswerReason.NOT_PLACED, n.reason());
        assertEquals(1, pbx.stats().refusedConcurrency(), "the 61st call over maxConcurrentCalls=60 is refused and counted");
        burst.addAll(upToLimit);
        for (CallRequest r : upToLimit) {
            log.awaitEvent(r.id(), CallEvent.Answered.class, WAIT);
        }
        for (CallRequest r : burst) {
            pbx.hangup(r.id());
        }
        log.awaitAllEnded(WAIT);
        for (CallRequest r : burst) {
            assertInstanceOf(CallEvent.HungUp.class, log.events(r.id()).get(log.events(r.id()).size() - 1));
        }
        assertEquals(0, pbx.stats().inFlight());
    }
}
