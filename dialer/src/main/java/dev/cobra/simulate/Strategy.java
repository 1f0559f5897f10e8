package dev.cobra.simulate;

import dev.cobra.pacing.AbandonMeter;
import dev.cobra.pacing.CallHistory;
import dev.cobra.pacing.Pacer;
import dev.cobra.pacing.PredictivePacer;
import dev.cobra.pacing.PredictiveSettings;
import java.util.List;

/** A dialing policy the benchmark compares: a production or baseline {@link Pacer}, or the oracle. */
public sealed interface Strategy {
    String name();

    /** Builds a fresh pacer for one run, fed by that run's history and abandon meter. */
    interface PacerFactory {
        Pacer create(CallHistory history, AbandonMeter meter, SimulationSettings settings);
    }

    /** A pacer, ticked by the simulated campaign loop. */
    record Paced(String name, PacerFactory factory) implements Strategy {}

    /** Knows every outcome in advance: dials only live answers, timed to land as agents free up. The upper limit. */
    record Oracle() implements Strategy {
        @Override
        public String name() {
            return "oracle";
        }
    }

    /** The benchmark's line-up, in table order. */
    static List<Strategy> standard() {
        return List.of(
                new Paced("progressive 1:1", (h, m, s) -> Pacer.progressive()),
                new Paced("power 1.5", (h, m, s) -> Pacer.power(1.5)),
                new Paced("power 2.0", (h, m, s) -> Pacer.power(2.0)),
                new Paced("vici (a) all active", (h, m, s) -> new AdaptiveBaseline(AdaptiveBaseline.Variant.ALL_ACTIVE, m)),
                new Paced("vici (b) available", (h, m, s) -> new AdaptiveBaseline(AdaptiveBaseline.Variant.AVAILABLE_ONLY, m)),
                predictive(),
                new Oracle());
    }

    /** Cobra's predictive pacer with the default settings for the run's limit and ring timeout. */
    static Paced predictive() {
        return new Paced("cobra predictive", (h, m, s) -> new PredictivePacer(
                PredictiveSettings.defaults(s.maxAbandonRate(), s.population().ringTimeout()), h, m));
    }
}
