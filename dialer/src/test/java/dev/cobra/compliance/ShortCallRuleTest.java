package dev.cobra.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Anatel's short-call rule: counting per caller ID and day, throttling before the block. */
class ShortCallRuleTest {
    private final ShortCallRule rule = PresetLoader.builtIn("BR").telecom().shortCalls();

    @Test
    void presetCarriesAnatelThresholds() {
        assertEquals(Duration.ofSeconds(6), rule.shortCallMax());
        assertEquals(100_000, rule.blockAtCallsPerDay());
        assertEquals(0.85, rule.blockAtShortShare());
        assertEquals(ZoneId.of("America/Sao_Paulo"), rule.dayZone());
    }

    @Test
    void unansweredAndUpToSixSecondsAreShort() {
        assertTrue(rule.isShort(null));
        assertTrue(rule.isShort(Duration.ofSeconds(6)));
        assertFalse(rule.isShort(Duration.ofMillis(6001)));
    }

    @Test
    void countsRestartOnANewDayInBrasiliaTime() {
        var day = new ShortCallRule.Day(LocalDate.of(2026, 11, 24), "1133334444", 10, 9);
        // 02:59Z on the 25th is still 23:59 on the 24th in Brasília.
        var same = rule.record(day, Instant.parse("2026-11-25T02:59:00Z"), Duration.ofSeconds(3));
        assertEquals(11, same.calls());
        assertEquals(10, same.shortCalls());
        var next = rule.record(day, Instant.parse("2026-11-25T03:00:00Z"), Duration.ofSeconds(60));
        assertEquals(new ShortCallRule.Day(LocalDate.of(2026, 11, 25), "1133334444", 1, 0), next);
    }

    @Test
    void throttlesBeforeTheVolumeAndShareLimits() {
        LocalDate d = LocalDate.of(2026, 11, 24);
        assertTrue(rule.check(new ShortCallRule.Day(d, "x", 89_998, 89_998)).allowed(), "under the volume margin");
        assertFalse(rule.check(new ShortCallRule.Day(d, "x", 90_000, 72_000)).allowed(), "80% short above 90k");
        assertTrue(rule.check(new ShortCallRule.Day(d, "x", 150_000, 100_000)).allowed(), "66% short is safe at any volume");
        var verdict = rule.check(new ShortCallRule.Day(d, "x", 95_000, 90_000));
        assertFalse(verdict.allowed());
        assertTrue(verdict.detail().contains("95000 calls"), verdict.detail());
    }

    @Test
    void simulatedDayNeverReachesTheBlock() {
        // Dial as long as the rule allows; 90% of calls are short. The block must never be reached.
        var counts = new ShortCallRule.Day(LocalDate.of(2026, 11, 24), "x", 0, 0);
        var random = new java.util.SplittableRandom(42);
        Instant t = Instant.parse("2026-11-24T11:00:00Z");
        boolean throttled = false;
        for (int i = 0; i < 200_000 && !throttled; i++) {
            if (!rule.check(counts).allowed()) {
                throttled = true;
                continue;
            }
            counts = rule.record(counts, t, random.nextInt(10) < 9 ? Duration.ofSeconds(4) : Duration.ofSeconds(90));
            boolean blocked = counts.calls() >= rule.blockAtCallsPerDay() && counts.shortShare() >= rule.blockAtShortShare();
            assertFalse(blocked, "blocked at " + counts);
        }
        assertTrue(throttled, "the throttle engaged");
        assertEquals(rule.throttleAtCallsPerDay(), counts.calls(), "throttled at the volume margin: " + counts);
    }

    @Test
    void thresholdsMustLeaveAMargin() {
        assertThrows(IllegalArgumentException.class, () -> new ShortCallRule(Duration.ofSeconds(6), 100_000, 0.85, 120_000, 0.8,
                ZoneId.of("America/Sao_Paulo")));
    }
}
