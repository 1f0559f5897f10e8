package dev.cobra.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallHistoryTest {
    @Test
    void conditionalLiveChanceUsesOnlyCallsStillUndecided() {
        CallHistory h = new CallHistory(Duration.ofSeconds(25), 100, 10);
        for (int i = 0; i < 10; i++) {
            h.resolved(Duration.ofSeconds(3), false);   // busy
            h.resolved(Duration.ofSeconds(10), true);   // live at 10 s
            h.resolved(Duration.ofSeconds(25), false);  // no answer
        }
        assertEquals(1.0 / 3, h.liveRate(), 1e-12);
        assertEquals(1.0 / 3, h.liveBy(30_000), 1e-12);
        assertEquals(0, h.liveBy(9_000), 1e-12);
        // After 5 s the busy ones are gone: half of what is left will be live.
        assertEquals(0.5, h.liveWithin(5_000, 10_000), 1e-12);
        assertEquals(0, h.liveWithin(12_000, 10_000), 1e-12);
    }

    @Test
    void forgetsTheOldestSamplesWhenFull() {
        CallHistory h = new CallHistory(Duration.ofSeconds(25), 4, 2);
        for (int i = 0; i < 4; i++) {
            h.resolved(Duration.ofSeconds(5), true);
        }
        for (int i = 0; i < 4; i++) {
            h.resolved(Duration.ofSeconds(25), false);
        }
        assertEquals(4, h.resolvedCount());
        assertEquals(0, h.liveRate(), 1e-12);
        h.talked(Duration.ofSeconds(10));
        h.talked(Duration.ofSeconds(100));
        h.talked(Duration.ofSeconds(100));
        assertEquals(2, h.talkCount());
        assertEquals(1.0, h.talkEndsWithin(50_000, 60_000), 1e-12);
        assertEquals(0.0, h.talkEndsWithin(0, 50_000), 1e-12);
    }
}
