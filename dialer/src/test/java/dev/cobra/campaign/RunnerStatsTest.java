package dev.cobra.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.CallOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunnerStatsTest {
    @Test
    void aCallOfAtMostSixSecondsRingAndTalkIsShortAnsweredOrNot() {
        RunnerStats stats = new RunnerStats();
        stats.ended(CallOutcome.NO_ANSWER, Duration.ofSeconds(6));
        stats.ended(CallOutcome.ANSWERED_HUMAN, Duration.ofMillis(2500));
        stats.ended(CallOutcome.ANSWERED_HUMAN, Duration.ofMillis(6001));
        stats.ended(CallOutcome.BUSY, Duration.ofSeconds(30));
        RunnerStats.Snapshot s = stats.snapshot();
        assertEquals(2, s.shortCalls());
        assertEquals(4, s.ended());
    }

    @Test
    void theDialRatioIsTheLastDecisionsCallsPerReadyAgentAndUndefinedWithoutOne() {
        RunnerStats stats = new RunnerStats();
        assertTrue(Double.isNaN(stats.snapshot().dialRatio()), "no decision yet");
        stats.paced(3, 2);
        stats.paced(4, 0);
        RunnerStats.Snapshot s = stats.snapshot();
        assertTrue(Double.isNaN(s.dialRatio()), "nobody ready at the last decision");
        assertEquals(7, s.pacedCalls());
        assertEquals(2, s.pacedReadyAgents());
        stats.paced(5, 2);
        assertEquals(2.5, stats.snapshot().dialRatio(), 1e-9);
    }
}
