package dev.cobra.pbxsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PopulationTest {
    private static List<PhoneBehaviour> dialAll(Population p, List<String> numbers) {
        List<PhoneBehaviour> out = new ArrayList<>();
        for (String n : numbers) {
            out.add(p.dial("customers", n));
        }
        return out;
    }

    private static List<String> numbers(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Long.toString(5511900000000L + i));
        }
        return out;
    }

    @Test
    void sameSeedGivesSameBehavioursAndAnotherSeedDoesNot() {
        List<String> numbers = numbers(200);
        Scenario s = Scenario.builder(42).build();
        assertEquals(dialAll(new Population(s), numbers), dialAll(new Population(s), numbers));
        assertNotEquals(dialAll(new Population(s), numbers), dialAll(new Population(Scenario.builder(43).build()), numbers));
    }

    @Test
    void behaviourOfANumberDoesNotDependOnWhatElseWasDialedBefore() {
        Scenario s = Scenario.builder(5).build();
        Population a = new Population(s);
        Population b = new Population(s);
        for (String n : numbers(50)) {
            b.dial("customers", n + "9");
        }
        assertEquals(a.dial("customers", "5511912345678"), b.dial("customers", "5511912345678"));
        assertEquals(a.dial("customers", "5511912345678"), b.dial("customers", "5511912345678"));
    }

    @Test
    void redialingANumberDrawsAgain() {
        Population p = new Population(Scenario.builder(1).build());
        List<PhoneBehaviour> draws = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            draws.add(p.dial("customers", "5511987654321"));
        }
        assertTrue(draws.stream().distinct().count() > 1, "20 redials gave one behaviour");
    }

    @Test
    void outcomeSharesFollowTheMix() {
        Population p = new Population(Scenario.builder(11).build());
        Map<PhoneOutcome, Integer> counts = new EnumMap<>(PhoneOutcome.class);
        int n = 20_000;
        for (PhoneBehaviour b : dialAll(p, numbers(n))) {
            counts.merge(b.outcome(), 1, Integer::sum);
        }
        CustomerMix m = CustomerMix.typical();
        assertShare(m.answer(), counts.get(PhoneOutcome.ANSWER), n);
        assertShare(m.machine(), counts.get(PhoneOutcome.MACHINE), n);
        assertShare(m.busy(), counts.get(PhoneOutcome.BUSY), n);
        assertShare(m.noAnswer(), counts.get(PhoneOutcome.NO_ANSWER), n);
        assertShare(m.congestion(), counts.get(PhoneOutcome.CONGESTION), n);
        assertShare(m.unallocated(), counts.get(PhoneOutcome.UNALLOCATED), n);
    }

    private static void assertShare(double expected, Integer count, int n) {
        double actual = count == null ? 0 : count / (double) n;
        assertEquals(expected, actual, 0.015, "share");
    }

    @Test
    void traceNumbersAndFixedNumbersWinOverTheMix() {
        PhoneBehaviour fixed = PhoneBehaviour.fails(PhoneOutcome.CONGESTION, Duration.ofSeconds(1));
        Population p = new Population(Scenario.builder(3).number("5511900000001", fixed).build());
        assertEquals(PhoneOutcome.BUSY, p.dial("customers", "101").outcome());
        assertEquals(PhoneOutcome.NO_ANSWER, p.dial("customers", "102").outcome());
        assertEquals(Duration.ofSeconds(4), p.dial("customers", "110").ringTime());
        assertEquals(fixed, p.dial("customers", "5511900000001"));
        assertEquals(PhoneOutcome.NO_ANSWER, p.dial("agents", "209").outcome());
        assertEquals(Duration.ofSeconds(600), p.dial("agents", "305").talkTime());
        assertNull(p.dial("nosuchcontext", "100"));
        assertNull(p.dial("customers", "abc"));
    }

    @Test
    void distributionsStayInsideTheirBounds() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        Distribution u = Distribution.uniform(Duration.ofSeconds(1), Duration.ofSeconds(3));
        Distribution e = Distribution.exponential(Duration.ofSeconds(10), Duration.ofSeconds(20));
        for (int i = 0; i < 10_000; i++) {
            Duration a = u.sample(r);
            assertTrue(a.compareTo(Duration.ofSeconds(1)) >= 0 && a.compareTo(Duration.ofSeconds(3)) <= 0, a.toString());
            Duration b = e.sample(r);
            assertTrue(!b.isNegative() && b.compareTo(Duration.ofSeconds(20)) <= 0, b.toString());
        }
    }
}
