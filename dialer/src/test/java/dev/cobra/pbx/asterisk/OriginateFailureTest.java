package dev.cobra.pbx.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cobra.calls.CallEvent.NoAnswerReason;
import org.junit.jupiter.api.Test;

/** The reason/cause table of {@link OriginateFailure}, row by row as the traces show it. */
class OriginateFailureTest {
    @Test
    void tracedFailuresMapToTheirReasons() {
        assertEquals(new OriginateFailure(NoAnswerReason.BUSY, 17), OriginateFailure.of(5, 17), "ami-originate-busy");
        assertEquals(new OriginateFailure(NoAnswerReason.BUSY, 17), OriginateFailure.of(5, 0), "busy with no Hangup seen");
        assertEquals(new OriginateFailure(NoAnswerReason.NO_ANSWER, 19), OriginateFailure.of(3, 19), "ami-originate-noanswer");
        assertEquals(new OriginateFailure(NoAnswerReason.CONGESTION, 34), OriginateFailure.of(8, 34), "ami-originate-congestion");
        assertEquals(new OriginateFailure(NoAnswerReason.REJECTED, 1), OriginateFailure.of(0, 1), "ami-originate-unallocated");
        assertEquals(new OriginateFailure(NoAnswerReason.NOT_PLACED, 0), OriginateFailure.of(0, 0), "ami-originate-bad-context");
        assertEquals(new OriginateFailure(NoAnswerReason.REJECTED, 21), OriginateFailure.of(1, 21), "hung up before answer");
    }

    @Test
    void withoutAnOriginateResponseTheCauseAloneDecides() {
        assertEquals(NoAnswerReason.BUSY, OriginateFailure.fromCause(17).reason());
        assertEquals(NoAnswerReason.NO_ANSWER, OriginateFailure.fromCause(19).reason());
        assertEquals(NoAnswerReason.CONGESTION, OriginateFailure.fromCause(34).reason());
        assertEquals(NoAnswerReason.REJECTED, OriginateFailure.fromCause(1).reason());
        assertEquals(NoAnswerReason.NOT_PLACED, OriginateFailure.fromCause(0).reason());
    }
}
