package dev.cobra.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AbandonMeterTest {
    private static final Instant T = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void countsAbandonedOverLiveAnsweredWithinTheRollingWindow() {
        AbandonMeter m = AbandonMeter.rolling24Hours(false);
        for (int i = 0; i < 97; i++) {
            m.recordLive(T.plusSeconds(i));
        }
        for (int i = 0; i < 3; i++) {
            m.recordLive(T.plusSeconds(100));
            m.recordAbandoned(T.plusSeconds(100));
        }
        assertEquals(0.03, m.rate(T.plusSeconds(200)), 1e-12);
        // Ten hours later more calls, none abandoned; 24 h after the first batch only these remain.
        for (int i = 0; i < 50; i++) {
            m.recordLive(T.plus(Duration.ofHours(10)));
        }
        assertEquals(3.0 / 150, m.rate(T.plus(Duration.ofHours(12))), 1e-12);
        assertEquals(0, m.rate(T.plus(Duration.ofHours(24)).plusSeconds(200)), 1e-12);
        assertEquals(50, m.live(T.plus(Duration.ofHours(24)).plusSeconds(200)));
        assertEquals(0, m.live(T.plus(Duration.ofHours(40))));
    }

    @Test
    void amdFalsePositivesCountOnlyWhenThePresetSaysSo() {
        AbandonMeter counting = new AbandonMeter(Duration.ofDays(30), 1440, true);
        AbandonMeter ignoring = new AbandonMeter(Duration.ofDays(30), 1440, false);
        for (AbandonMeter m : new AbandonMeter[] {counting, ignoring}) {
            m.recordLive(T);
            m.recordAmdFalsePositive(T);
        }
        assertEquals(0.5, counting.rate(T), 1e-12);
        assertEquals(0, ignoring.rate(T), 1e-12);
        assertEquals(2, counting.live(T.plus(Duration.ofDays(29))));
    }

    @Test
    void countsFromBeforeARestartStayUntilTheyLeaveTheWindow() {
        AbandonMeter m = new AbandonMeter(Duration.ofDays(30), 43_200, false);
        m.add(T, 100, 2);
        m.add(T.plus(Duration.ofDays(10)), 100, 1);
        m.recordLive(T.plus(Duration.ofDays(20)));
        assertEquals(3.0 / 201, m.rate(T.plus(Duration.ofDays(20))), 1e-12);
        assertEquals(1.0 / 101, m.rate(T.plus(Duration.ofDays(30)).plusSeconds(120)), 1e-12, "the first minute left the window");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.add(T.plus(Duration.ofDays(21)), 1, 2));
    }
}
