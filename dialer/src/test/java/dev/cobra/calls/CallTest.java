package dev.cobra.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.CallEvent.AmdVerdict;
import dev.cobra.calls.CallEvent.NoAnswerReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallTest {
    private static final CallId ID = new CallId("c-1");
    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

    private static CallOutcome run(CallEvent... events) {
        Call call = new Call(ID, T);
        Optional<CallOutcome> last = Optional.empty();
        for (CallEvent e : events) {
            Optional<CallOutcome> o = call.apply(e);
            if (o.isPresent()) {
                assertTrue(last.isEmpty(), "a call ends once");
                last = o;
            }
        }
        return last.orElse(null);
    }

    private static Instant t(int s) {
        return T.plusSeconds(s);
    }

    @Test
    void unansweredOutcomesFollowTheOriginateResultAndCause() {
        // Asterisk traces: busy = reason 5 (cause 17 on ;2), no answer = reason 3 (cause 19), congestion = reason 8 (34),
        // unallocated = reason 0 with cause 1 on the ;2 half.
        assertEquals(CallOutcome.BUSY, run(new CallEvent.Dialing(ID, t(0)), new CallEvent.NotAnswered(ID, t(1), NoAnswerReason.BUSY, 17)));
        assertEquals(CallOutcome.NO_ANSWER, run(new CallEvent.Dialing(ID, t(0)), new CallEvent.Ringing(ID, t(1)),
                new CallEvent.NotAnswered(ID, t(25), NoAnswerReason.NO_ANSWER, 19)));
        assertEquals(CallOutcome.FAILED, run(new CallEvent.NotAnswered(ID, t(1), NoAnswerReason.CONGESTION, 34)));
        assertEquals(CallOutcome.INVALID_NUMBER, run(new CallEvent.NotAnswered(ID, t(1), NoAnswerReason.REJECTED, 1)));
        assertEquals(CallOutcome.FAILED, run(new CallEvent.NotAnswered(ID, t(1), NoAnswerReason.REJECTED, 0)));
        assertEquals(CallOutcome.FAILED, run(new CallEvent.NotAnswered(ID, t(0), NoAnswerReason.NOT_PLACED, 0)));
        assertEquals(CallOutcome.BUSY, run(new CallEvent.Dialing(ID, t(0)), new CallEvent.HungUp(ID, t(1), 17)),
                "a hang-up before answer without an originate result is judged by its cause");
        assertEquals(CallOutcome.UNKNOWN, run(new CallEvent.Dialing(ID, t(0)), new CallEvent.Lost(ID, t(5))));
    }

    @Test
    void answeredOutcomesDependOnAmdAbandonAndNetwork() {
        assertEquals(CallOutcome.ANSWERED_HUMAN, run(new CallEvent.Answered(ID, t(3)),
                new CallEvent.Amd(ID, t(5), AmdVerdict.HUMAN, "HUMAN-803-800"), new CallEvent.HungUp(ID, t(60), 16)));
        assertEquals(CallOutcome.ANSWERED_MACHINE, run(new CallEvent.Answered(ID, t(3)),
                new CallEvent.Amd(ID, t(8), AmdVerdict.MACHINE, "LONGGREETING-1500-1500"), new CallEvent.HungUp(ID, t(9), 16)));
        assertEquals(CallOutcome.DROPPED, run(new CallEvent.Answered(ID, t(3)), new CallEvent.HungUp(ID, t(9), 38)));
        assertEquals(CallOutcome.ANSWERED_HUMAN, run(new CallEvent.Answered(ID, t(3)), new CallEvent.Bridged(ID, t(4), "301"),
                new CallEvent.HungUp(ID, t(90), 38)), "once with an agent, the conversation happened");
        assertEquals(CallOutcome.DROPPED, run(new CallEvent.Answered(ID, t(3)), new CallEvent.Lost(ID, t(9))));

        Call call = new Call(ID, T);
        call.apply(new CallEvent.Answered(ID, t(3)));
        call.markAbandoned();
        assertEquals(Optional.of(CallOutcome.ABANDONED), call.apply(new CallEvent.HungUp(ID, t(6), 16)));
    }

    @Test
    void recordsTimesAndIgnoresLateOrRepeatedEvents() {
        Call call = new Call(ID, T);
        for (CallEvent e : List.of(new CallEvent.Dialing(ID, t(0)), new CallEvent.Ringing(ID, t(1)), new CallEvent.Answered(ID, t(4)),
                new CallEvent.Answered(ID, t(5)), new CallEvent.Bridged(ID, t(5), "301"))) {
            call.apply(e);
        }
        assertEquals(Call.State.BRIDGED, call.state());
        assertEquals(t(4), call.answeredAt());
        assertEquals("301", call.agentId());
        assertEquals(Optional.of(CallOutcome.ANSWERED_HUMAN), call.apply(new CallEvent.HungUp(ID, t(100), 16)));
        assertEquals(Optional.empty(), call.apply(new CallEvent.HungUp(ID, t(101), 16)), "a replayed hang-up after a reconnect");
        assertEquals(Optional.empty(), call.apply(new CallEvent.NotAnswered(ID, t(102), NoAnswerReason.BUSY, 17)));
        assertEquals(CallOutcome.ANSWERED_HUMAN, call.outcome());
        assertEquals(t(100), call.endedAt());
        assertEquals(16, call.cause());
    }

    @Test
    void refusesMisuse() {
        Call call = new Call(ID, T);
        assertThrows(IllegalStateException.class, call::markAbandoned);
        assertThrows(IllegalArgumentException.class, () -> call.apply(new CallEvent.Dialing(new CallId("other"), T)));
        assertThrows(IllegalArgumentException.class, () -> new CallId("has space"));
        assertThrows(IllegalArgumentException.class, () -> new CallRequest(ID, "11987654321", "+551130000000",
                java.time.Duration.ofSeconds(25), java.util.Map.of(), new Destination.Hold()));
    }
}
