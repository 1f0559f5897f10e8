package dev.cobra.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");
    private static final long[] NONE = new long[0];

    private static PacingInput input(int staffed, int ready, long[] wrapMs, long[] talkMs, long[] ringMs, int waiting) {
        return new PacingInput(T, staffed, ready, wrapMs, talkMs, ringMs, waiting);
    }

    private static long[] times(int n, long ms) {
        long[] a = new long[n];
        Arrays.fill(a, ms);
        return a;
    }

    @Test
    void previewNeverDialsOnItsOwn() {
        assertEquals(0, Pacer.preview().callsToPlace(input(10, 10, NONE, NONE, NONE, 0)));
    }

    @Test
    void progressivePlacesOneCallPerReadyAgentNotAlreadyCovered() {
        assertEquals(7, Pacer.progressive().callsToPlace(input(10, 10, NONE, NONE, times(2, 1000), 1)));
        assertEquals(0, Pacer.progressive().callsToPlace(input(10, 2, NONE, NONE, times(3, 1000), 0)));
    }

    @Test
    void powerKeepsAFixedRatioPerReadyAgent() {
        assertEquals(15, Pacer.power(1.5).callsToPlace(input(10, 10, NONE, NONE, NONE, 0)));
        assertEquals(16, Pacer.power(2.0).callsToPlace(input(10, 10, NONE, NONE, times(4, 1000), 0)));
        assertThrows(IllegalArgumentException.class, () -> Pacer.power(0.5));
    }

    /** A history like the benchmark population at p = 0.25: live at 4..20 s, busy at 3 s, no answer at 25 s. */
    private static CallHistory history(double p) {
        CallHistory h = new CallHistory(Duration.ofSeconds(25), 5000, 2000);
        for (int i = 0; i < 4000; i++) {
            double u = (i * 0.6180339887) % 1;
            if (u < p) {
                h.resolved(Duration.ofMillis(4000 + (i * 7919L) % 16000), true);
            } else if (u < p + 0.1) {
                h.resolved(Duration.ofMillis(14000), false);
            } else if (u < p + 0.17) {
                h.resolved(Duration.ofMillis(3000), false);
            } else {
                h.resolved(Duration.ofMillis(25000), false);
            }
        }
        for (int i = 0; i < 2000; i++) {
            h.talked(Duration.ofSeconds(30 + (i * 37L) % 300));
        }
        return h;
    }

    private static PredictivePacer predictive(CallHistory h, AbandonMeter m) {
        return new PredictivePacer(PredictiveSettings.defaults(0.03, Duration.ofSeconds(25)), h, m);
    }

    @Test
    void predictiveDialsProgressivelyUntilItHasHistory() {
        CallHistory empty = new CallHistory(Duration.ofSeconds(25), 5000, 2000);
        PredictivePacer pacer = predictive(empty, AbandonMeter.rolling24Hours(false));
        assertEquals(8, pacer.callsToPlace(input(50, 10, NONE, times(40, 60_000), times(2, 1000), 0)));
        assertEquals(PredictivePacer.Basis.LITTLE_HISTORY, pacer.lastBasis());
    }

    @Test
    void predictiveOverDialsForReadyAgentsAtALowAnswerRate() {
        PredictivePacer pacer = predictive(history(0.25), AbandonMeter.rolling24Hours(false));
        int n = pacer.callsToPlace(input(50, 10, NONE, times(40, 60_000), NONE, 0));
        assertEquals(PredictivePacer.Basis.MODEL, pacer.lastBasis());
        assertTrue(n > 10 && n < 60, "about ready / p calls, got " + n);
    }

    @Test
    void predictiveCountsAgentsAboutToLeaveWrapUp() {
        PredictivePacer pacer = predictive(history(0.25), AbandonMeter.rolling24Hours(false));
        int idleSoon = pacer.callsToPlace(input(50, 0, times(10, 3000), times(40, 60_000), NONE, 0));
        int idleLate = pacer.callsToPlace(input(50, 0, times(10, 19_000), times(40, 60_000), NONE, 0));
        assertTrue(idleSoon > idleLate, "wrap-ups ending in 3 s justify more calls than in 19 s: " + idleSoon + " vs " + idleLate);
        assertTrue(idleSoon > 0);
    }

    @Test
    void predictiveHoldsDialingWhenCallsInFlightAlreadyCoverTheAgents() {
        PredictivePacer pacer = predictive(history(0.25), AbandonMeter.rolling24Hours(false));
        assertEquals(0, pacer.callsToPlace(input(50, 5, NONE, times(45, 10_000), times(60, 2000), 3)));
    }

    @Test
    void predictiveFallsBackToProgressiveAtTheAbandonLimit() {
        AbandonMeter meter = AbandonMeter.rolling24Hours(false);
        for (int i = 0; i < 100; i++) {
            meter.recordLive(T.minusSeconds(600));
        }
        for (int i = 0; i < 3; i++) {
            meter.recordAbandoned(T.minusSeconds(600));
        }
        PredictivePacer pacer = predictive(history(0.25), meter);
        assertEquals(10, pacer.callsToPlace(input(50, 10, NONE, times(40, 60_000), NONE, 0)));
        assertEquals(PredictivePacer.Basis.AT_LIMIT, pacer.lastBasis());
    }

    @Test
    void predictiveDialsLessForASmallTeam() {
        PredictivePacer pacer = predictive(history(0.25), AbandonMeter.rolling24Hours(false));
        int small = pacer.callsToPlace(input(5, 2, NONE, times(3, 60_000), NONE, 0));
        int large = pacer.callsToPlace(input(50, 20, NONE, times(30, 60_000), NONE, 0));
        assertTrue(small >= 2 && small <= 9, "small team: progressive plus at most ready/p, got " + small);
        assertTrue(large > 10 * small / 2, "large team over-dials more per ready agent: " + large + " vs " + small);
    }

    @Test
    void normalTailMatchesTheTable() {
        assertEquals(0.5, PredictivePacer.phi(0), 1e-7);
        assertEquals(0.975, PredictivePacer.phi(1.959964), 1e-6);
        assertEquals(0.02275, PredictivePacer.phi(-2), 1e-5);
    }
}
