package dev.cobra.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The outcomes of the numbers on the simulated list, drawn once from a seed and shared by every policy (common random
 * numbers): the n-th number a policy dials behaves the same whatever the policy. Drawn lazily, in order.
 *
 * <p>Not thread-safe; one per simulated configuration and seed, shared by the sequential runs of its policies.
 */
final class Population {
    enum Kind { LIVE, MACHINE, BUSY, NO_ANSWER }

    /** The n-th number's fate: when it resolves after dialing, and for a live one how long it talks. */
    record Outcome(Kind kind, long resolveMs, long talkMs) {}

    private final PopulationSettings settings;
    private final SplittableRandom random;
    private final List<Outcome> drawn = new ArrayList<>();
    private final double ringMu;
    private final double ringSigma;
    private final double talkMu;
    private final double talkSigma;

    Population(PopulationSettings settings, long seed) {
        this.settings = settings;
        this.random = new SplittableRandom(seed);
        double ringMean = settings.ringMean().toMillis();
        double ringCv = settings.ringSd().toMillis() / ringMean;
        ringSigma = Math.sqrt(Math.log(1 + ringCv * ringCv));
        ringMu = Math.log(ringMean) - ringSigma * ringSigma / 2;
        talkSigma = Math.sqrt(Math.log(1 + settings.talkCv() * settings.talkCv()));
        talkMu = Math.log(settings.talkMean().toMillis()) - talkSigma * talkSigma / 2;
    }

    Outcome get(int index) {
        while (drawn.size() <= index) {
            drawn.add(draw());
        }
        return drawn.get(index);
    }

    PopulationSettings settings() {
        return settings;
    }

    private Outcome draw() {
        // Every draw consumes the same four numbers, so one number's fate does not shift the next one's.
        double u = random.nextDouble();
        double ring = Math.exp(ringMu + ringSigma * random.nextGaussian());
        double talk = Math.exp(talkMu + talkSigma * random.nextGaussian());
        double busyJitter = random.nextDouble() * 2000 - 1000;
        long timeoutMs = settings.ringTimeout().toMillis();
        long ringMs = Math.max(1, Math.min(timeoutMs - 1, Math.round(ring)));
        if (u < settings.liveRate()) {
            return new Outcome(Kind.LIVE, ringMs, Math.max(1000, Math.round(talk)));
        }
        if (u < settings.liveRate() + settings.machineRate()) {
            return new Outcome(Kind.MACHINE, ringMs, 0);
        }
        double rest = (u - settings.liveRate() - settings.machineRate()) / (1 - settings.liveRate() - settings.machineRate());
        if (rest < settings.busyShareOfRest()) {
            return new Outcome(Kind.BUSY, Math.round(settings.busyAfter().toMillis() + busyJitter), 0);
        }
        return new Outcome(Kind.NO_ANSWER, timeoutMs, 0);
    }
}
