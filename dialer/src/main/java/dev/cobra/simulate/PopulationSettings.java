package dev.cobra.simulate;

import java.time.Duration;

/**
 * Who answers and how, in the simulated population (the default, so results compare with published work).
 *
 * @param liveRate         P(a person answers), after a ring time with mean {@code ringMean}, sd {@code ringSd}
 *                         (lognormal), capped just below the ring timeout so the live share stays exactly p
 * @param machineRate      P(an answering machine answers); AMD detects it after {@code amdDelay}, no agent time
 * @param busyShareOfRest  of the remaining calls, the share that is busy after ~{@code busyAfter} (uniform +-1 s);
 *                         the others ring until the timeout
 * @param talkMean         mean talk time with an agent (lognormal)
 * @param talkCv           its coefficient of variation
 * @param messageLength    how long the information message of an abandoned call plays before hang-up
 */
public record PopulationSettings(double liveRate, double machineRate, double busyShareOfRest, Duration ringMean,
                                 Duration ringSd, Duration ringTimeout, Duration busyAfter, Duration amdDelay,
                                 Duration talkMean, double talkCv, Duration messageLength) {
    public PopulationSettings {
        if (!(liveRate > 0 && machineRate >= 0 && liveRate + machineRate <= 1)) {
            throw new IllegalArgumentException("liveRate: " + liveRate + ", machineRate: " + machineRate
                    + " (expected: liveRate > 0, sum <= 1)");
        }
        if (!(busyShareOfRest >= 0 && busyShareOfRest <= 1) || !(talkCv > 0)) {
            throw new IllegalArgumentException("busyShareOfRest: " + busyShareOfRest + ", talkCv: " + talkCv);
        }
    }

    /** The population: ring 12 s (sd 6 s) within 25 s, 10 % machines, 10 % of the rest busy, talk 180 s CV 0.8. */
    public static PopulationSettings standard(double liveRate) {
        return new PopulationSettings(liveRate, 0.10, 0.10, Duration.ofSeconds(12), Duration.ofSeconds(6),
                Duration.ofSeconds(25), Duration.ofSeconds(3), Duration.ofMillis(2500), Duration.ofSeconds(180), 0.8,
                Duration.ofSeconds(10));
    }
}
