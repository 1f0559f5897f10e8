package dev.cobra.pbxsim.scenario;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated phones behind a {@link Scenario}: answers "what does this number do on this
 * dial?". Each draw uses a generator seeded from (scenario seed, number, how many times the
 * number was dialed before), so the result does not depend on how calls interleave: the same
 * scenario, seed and per-number dial order give the same behaviours.
 *
 * <p>Not thread-safe: owned by the simulator thread.
 */
public final class Population {
    private final Scenario scenario;
    private final Map<String, Integer> dialCounts = new HashMap<>();

    public Population(Scenario scenario) {
        this.scenario = scenario;
    }

    public Scenario scenario() {
        return scenario;
    }

    /**
     * The behaviour for one dial of {@code number} in dialplan {@code context} ({@code customers}
     * or {@code agents}), or null when the context has no such extension.
     */
    public PhoneBehaviour dial(String context, String number) {
        if (!number.matches("[0-9]+")) {
            return null;
        }
        PhoneBehaviour fixed = scenario.numbers().get(number);
        if (fixed != null) {
            return fixed;
        }
        int attempt = dialCounts.merge(context + "/" + number, 1, Integer::sum);
        SplittableRandom random = new SplittableRandom(mix(scenario.seed(), context + "/" + number, attempt));
        if (context.equals("agents")) {
            return agent(number, random);
        }
        if (!context.equals("customers")) {
            return null;
        }
        if (scenario.traceNumbers()) {
            PhoneBehaviour traced = TraceNumbers.CUSTOMERS.get(number);
            if (traced != null) {
                return traced;
            }
        }
        return sampleCustomer(number, random);
    }

    private PhoneBehaviour agent(String number, SplittableRandom random) {
        if (scenario.traceNumbers()) {
            PhoneBehaviour traced = TraceNumbers.agent(number);
            if (traced != null) {
                return traced;
            }
        }
        AgentProfile p = scenario.agents();
        if (number.length() == 3 && number.charAt(0) == '3') {
            return PhoneBehaviour.answers(Duration.ZERO, p.nailedUpTime())
                    .withLabel("agent phone " + number + ": nailed-up");
        }
        return PhoneBehaviour.answers(p.ringTime().sample(random), p.talkTime().sample(random))
                .withLabel("agent " + number);
    }

    private PhoneBehaviour sampleCustomer(String number, SplittableRandom random) {
        CustomerMix m = scenario.customers();
        double u = random.nextDouble();
        Duration ring = m.ringTime().sample(random);
        String label = "customer " + number + ": ";
        if ((u -= m.answer()) < 0) {
            PhoneBehaviour b = PhoneBehaviour.answers(ring, m.talkTime().sample(random));
            if (random.nextDouble() < m.notSure()) {
                b = b.withAmd(AmdVerdict.NOTSURE);
            }
            if (!m.dtmf().isEmpty() && random.nextDouble() < m.dtmfShare()) {
                b = b.withDtmf(m.dtmf());
            }
            return b.withLabel(label + "answers");
        }
        if ((u -= m.machine()) < 0) {
            return PhoneBehaviour.machine(ring, m.machineTime().sample(random)).withLabel(label + "answering machine");
        }
        if ((u -= m.busy()) < 0) {
            return PhoneBehaviour.fails(PhoneOutcome.BUSY, ring).withLabel(label + "busy");
        }
        if ((u -= m.noAnswer()) < 0) {
            return PhoneBehaviour.fails(PhoneOutcome.NO_ANSWER, Duration.ZERO).withLabel(label + "ring no answer");
        }
        if ((u -= m.congestion()) < 0) {
            return PhoneBehaviour.fails(PhoneOutcome.CONGESTION, ring).withLabel(label + "congestion");
        }
        return PhoneBehaviour.fails(PhoneOutcome.UNALLOCATED, ring).withLabel(label + "unallocated number");
    }

    private static long mix(long seed, String key, int attempt) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        return h ^ (attempt * 0xC2B2AE3D27D4EB4FL);
    }
}
