package dev.cobra.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Seeded shifts with the invariants checked after every event (Kafka's RaftEventSimulationTest pattern): one call per
 * agent and one agent per call; no live call waits past the 2 s limit without the information message; no agent idles
 * while a live call waits; no call against the dial policy (the simulated PBX refuses one); and the abandon rate.
 *
 * <p>The abandon bound: once L >= 200 live answers, the measured rate must stay under
 * {@code limit + 3 * sqrt(limit * (1 - limit) / L)}: three standard errors of a binomial proportion at the limit, so a
 * pacer that really aims at or under the limit fails this with probability under 0.2 % at any one check. At the end of
 * the shift the rate itself must be under the limit.
 */
class ShiftSimulationTest {
    private static final double LIMIT = 0.03;

    private static final class Checks {
        long events;
        double worstExcess = Double.NEGATIVE_INFINITY;

        void after(ShiftSimulation s) {
            events++;
            s.checkInvariants();
            long live = s.liveAnswers();
            if (live >= 200) {
                double bound = LIMIT + 3 * Math.sqrt(LIMIT * (1 - LIMIT) / live);
                double rate = (double) s.abandoned() / live;
                worstExcess = Math.max(worstExcess, rate - bound);
                if (rate > bound) {
                    throw new IllegalStateException("abandon rate " + rate + " over bound " + bound + " at " + s.nowMs() + "ms");
                }
            }
        }
    }

    private static ShiftResult run(int agents, double p, double hours, long seed, Strategy strategy, DialPolicy policy, Checks checks) {
        SimulationSettings s = SimulationSettings.standard(agents, p, hours);
        return new ShiftSimulation(s, new Population(s.population(), seed), strategy, policy, checks::after).run(seed);
    }

    @ParameterizedTest(name = "{0} agents, p={1}, seed {2}")
    @CsvSource({"5, 0.25, 11", "10, 0.15, 12", "50, 0.25, 13", "50, 0.40, 14"})
    void predictiveKeepsEveryInvariantAndTheAbandonLimit(int agents, double p, long seed) {
        Checks checks = new Checks();
        ShiftResult r = run(agents, p, 3, seed, Strategy.predictive(), DialPolicy.allowAll(), checks);
        assertTrue(checks.events > 1000, "the shift had events: " + checks.events);
        assertTrue(r.abandonRate() <= LIMIT, "abandon rate " + r.abandonRate());
        assertTrue(r.maxAbandonDelayMs() <= 2000, "message after " + r.maxAbandonDelayMs() + "ms");
        assertTrue(r.talkShare() > 0.5, "agents mostly talk: " + r.talkShare());
    }

    @Test
    void everyStrategyKeepsTheCallAndAgentInvariants() {
        for (Strategy strategy : Strategy.standard()) {
            SimulationSettings s = SimulationSettings.standard(20, 0.25, 1);
            ShiftResult r = new ShiftSimulation(s, new Population(s.population(), 5), strategy, DialPolicy.allowAll(),
                    ShiftSimulation::checkInvariants).run(5);
            assertTrue(r.contacts() > 0, strategy.name());
            assertTrue(r.maxAbandonDelayMs() <= 2000, strategy.name());
            assertEquals(r.loggedInMs(), r.talkMs() + r.wrapUpMs() + r.idleMs(), strategy.name() + ": agent time adds up");
        }
    }

    @Test
    void neverDialsANumberTheDialPolicyRefuses() {
        // Every seventh number is outside its calling window; the simulated PBX throws if one is dialled.
        DialPolicy policy = (number, at) -> SimPbx.index(number) % 7 != 3;
        ShiftResult r = run(10, 0.25, 1, 21, Strategy.predictive(), policy, new Checks());
        assertTrue(r.placed() > 100);
    }

    @Test
    void theOracleNeverAbandonsAndBoundsEveryPolicy() {
        SimulationSettings s = SimulationSettings.standard(20, 0.25, 2);
        List<ShiftResult> results = new ArrayList<>(SimulateCommand.runAll(s, 3));
        ShiftResult oracle = Summary.find(results, "oracle");
        assertEquals(0, oracle.abandoned());
        assertTrue(oracle.placed() - oracle.liveAnswers() <= 20, "the oracle dials only live answers (some still ringing at the end)");
        for (ShiftResult r : results) {
            assertTrue(r.talkShare() <= oracle.talkShare() + 1e-9, r.strategy() + " beat the oracle");
        }
        assertEquals(0, Summary.find(results, "progressive 1:1").abandoned(), "progressive never over-dials");
    }

    @Test
    void sameSeedSameResult() {
        ShiftResult a = ShiftSimulation.run(SimulationSettings.standard(10, 0.25, 1), 9, Strategy.predictive());
        ShiftResult b = ShiftSimulation.run(SimulationSettings.standard(10, 0.25, 1), 9, Strategy.predictive());
        assertEquals(a, b);
    }

    @Test
    void commonRandomNumbersGiveEveryPolicyTheSameList() {
        Population one = new Population(PopulationSettings.standard(0.25), 4);
        Population two = new Population(PopulationSettings.standard(0.25), 4);
        two.get(500);
        for (int i = 0; i < 500; i++) {
            assertEquals(one.get(i), two.get(i));
        }
        long live = 0;
        for (int i = 0; i < 20_000; i++) {
            live += one.get(i).kind() == Population.Kind.LIVE ? 1 : 0;
            assertTrue(one.get(i).resolveMs() <= Duration.ofSeconds(25).toMillis());
        }
        assertEquals(0.25, live / 20_000.0, 0.01);
    }
}
