package dev.cobra.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.CallOutcome;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Presets load, inherit, fail with file, line and field, and campaign overrides never loosen silently. */
class PresetLoaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"BR", "BR-SP", "BR-RJ", "US", "UK"})
    void shippedPresetsLoad(String name) {
        Policy p = PresetLoader.builtIn(name);
        assertEquals(name, p.name());
        assertNotNull(p.cadence().retryAfterOutcome().get(CallOutcome.BUSY));
    }

    @Test
    void shippedNumbers() {
        Policy br = PresetLoader.builtIn("BR");
        assertEquals("Mon–Fri 08–20, Sat 08–14", br.window().toString());
        assertEquals(5, br.cadence().firstCallAfterDueDays());
        assertEquals(Duration.ofMinutes(15), ((RetryRule.After) br.cadence().retryAfterOutcome().get(CallOutcome.BUSY)).delay());
        assertTrue(br.cadence().retryAfterOutcome().get(CallOutcome.ANSWERED_MACHINE) instanceof RetryRule.NextWindow);
        Policy rj = PresetLoader.builtIn("BR-RJ");
        assertEquals("Mon–Fri 08–18", rj.window().toString());
        assertEquals(br.caps(), rj.caps(), "inherited from BR");
        assertTrue(rj.holidays().brazilNational());
        Policy us = PresetLoader.builtIn("US");
        assertEquals(7, us.caps().attemptsPerDebtorPer7Days());
        assertEquals(Duration.ofDays(7), us.caps().gapAfterConversation());
        assertEquals("Mon–Sun 08–21", us.window().toString());
        Policy uk = PresetLoader.builtIn("UK");
        assertEquals(Duration.ofHours(72), uk.caps().gapAfterAbandoned());
        assertEquals(0.03, uk.telecom().maxAbandonRate());
        assertEquals(Duration.ofHours(24), uk.telecom().abandonRateWindow());
        assertEquals(List.of("ringTimeout: 10s (expected: >= 15s)"), uk.telecom().checkRingTimeout(Duration.ofSeconds(10)));
    }

    @Test
    void errorsNameFileLineAndField() {
        String yaml = String.join("\n",
                "name: BAD",
                "jurisdiction: BR",
                "window:",
                "  mon-fri: [\"08:00-25:00\"]",
                "  funday: [\"08:00-12:00\"]",
                "caps:",
                "  attemptsPerDebtorPerDay: -1",
                "  attemptsPerDebtorPer7Days: 10",
                "  attemptsPerPhonePerDay: 2",
                "  attemptsPerPhonePer7Days: 5",
                "  conversationsPer7Days: 1",
                "  lifetimeAttempts: 10",
                "  gapAfterConversation: soon",
                "cadence:",
                "  firstCallAfterDueDays: 5",
                "  retryAfterOutcome:",
                "    BUSSY: 15m",
                "telecom:",
                "  minRingTimeout: 15s",
                "  maxAbandonRate: 0.03",
                "  abandonRateWindow: 24h",
                "  typo: 1",
                "");
        var e = assertThrows(PresetException.class,
                () -> PresetLoader.parse("bad.yaml", new StringReader(yaml), n -> { throw new AssertionError(n); }));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("bad.yaml:4: window.mon-fri: range: 08:00-25:00"), all);
        assertTrue(all.contains("bad.yaml:5: window.funday:"), all);
        assertTrue(all.contains("bad.yaml:7: caps.attemptsPerDebtorPerDay: -1 (expected: >= 0)"), all);
        assertTrue(all.contains("bad.yaml:13: caps.gapAfterConversation: duration: soon"), all);
        assertTrue(all.contains("bad.yaml:17: cadence.retryAfterOutcome.BUSSY:"), all);
        assertTrue(all.contains("bad.yaml:22: telecom.typo: unknown key"), all);
    }

    @Test
    void missingSectionIsReported() {
        var e = assertThrows(PresetException.class,
                () -> PresetLoader.parse("empty.yaml", new StringReader("name: X\njurisdiction: UK\n"), n -> null));
        assertTrue(e.problems().contains("empty.yaml:1: window: missing"), e.problems().toString());
    }

    private static Caps capsWithLifetime(Caps c, int lifetime) {
        return new Caps(c.attemptsPerDebtorPerDay(), c.attemptsPerDebtorPer7Days(), c.attemptsPerPhonePerDay(),
                c.attemptsPerPhonePer7Days(), c.conversationsPer7Days(), c.gapAfterConversation(), c.gapAfterAbandoned(),
                c.minGapBetweenAttempts(), lifetime);
    }

    @Test
    void campaignMayTightenButNotLoosenSilently() {
        Policy br = PresetLoader.builtIn("BR");
        var narrower = CallingWindow.of(Map.of(DayOfWeek.MONDAY, List.of(DailyRange.parse("09:00-17:00"))));
        var tightened = br.tighten(new Policy.Overrides(narrower, null, capsWithLifetime(br.caps(), 30), null, null, Set.of()));
        assertEquals(List.of(), tightened.loosenings());
        assertEquals(narrower, tightened.policy().window());
        assertEquals(30, tightened.policy().caps().lifetimeAttempts());

        var sunday = CallingWindow.of(Map.of(DayOfWeek.SUNDAY, List.of(DailyRange.parse("10:00-12:00"))));
        var refused = assertThrows(IllegalArgumentException.class, () -> br.tighten(
                new Policy.Overrides(sunday, null, capsWithLifetime(br.caps(), 99), null, null, Set.of())));
        assertTrue(refused.getMessage().contains("[window, caps.lifetimeAttempts]"), refused.getMessage());

        var explicit = br.tighten(new Policy.Overrides(null, null, capsWithLifetime(br.caps(), 99), null, null,
                Set.of("caps.lifetimeAttempts")));
        assertEquals(List.of("caps.lifetimeAttempts"), explicit.loosenings());
        assertEquals(99, explicit.policy().caps().lifetimeAttempts());
    }

    @Test
    void shorterRetryDelayIsALoosening() {
        Policy br = PresetLoader.builtIn("BR");
        var outcomes = new java.util.EnumMap<>(br.cadence().retryAfterOutcome());
        outcomes.put(CallOutcome.BUSY, new RetryRule.After(Duration.ofMinutes(5)));
        var faster = new Cadence(3, 90, "outside-agency", outcomes, br.cadence().retryAfterDisposition());
        var e = assertThrows(IllegalArgumentException.class,
                () -> br.tighten(new Policy.Overrides(null, null, null, faster, null, Set.of())));
        assertTrue(e.getMessage().contains("cadence.firstCallAfterDueDays"), e.getMessage());
        assertTrue(e.getMessage().contains("cadence.retryAfterOutcome.BUSY"), e.getMessage());
    }
}
