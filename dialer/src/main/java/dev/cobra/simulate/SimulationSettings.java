package dev.cobra.simulate;

import java.time.Duration;
import java.util.Objects;

/**
 * One simulated configuration.
 *
 * @param agents         agents logged in (all READY at the start, none pausing)
 * @param shift          how long the shift lasts; dialing stops and times are measured up to its end
 * @param population     who answers and how
 * @param maxAbandonRate the campaign's abandon limit (0.03)
 * @param abandonLimit   how long a live call may wait for an agent (2 s)
 * @param wrapUp         the wrap-up after every call (20 s)
 * @param tick           the campaign loop's pacing tick (500 ms)
 */
public record SimulationSettings(int agents, Duration shift, PopulationSettings population, double maxAbandonRate,
                                 Duration abandonLimit, Duration wrapUp, Duration tick) {
    public SimulationSettings {
        Objects.requireNonNull(population, "population");
        if (agents < 1 || agents > 10_000) {
            throw new IllegalArgumentException("agents: " + agents + " (expected: 1..10000)");
        }
        if (shift.isNegative() || shift.isZero() || shift.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("shift: " + shift + " (expected: > 0 and <= 24 h)");
        }
    }

    /** The benchmark's configuration for {@code agents}, live answer rate {@code p} and {@code hours}. */
    public static SimulationSettings standard(int agents, double p, double hours) {
        return new SimulationSettings(agents, Duration.ofMillis(Math.round(hours * 3_600_000)), PopulationSettings.standard(p),
                0.03, Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofMillis(500));
    }
}
