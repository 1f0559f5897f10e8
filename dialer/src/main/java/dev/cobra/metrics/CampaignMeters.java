package dev.cobra.metrics;

import static dev.cobra.metrics.MeterNames.ABANDON_RATIO;
import static dev.cobra.metrics.MeterNames.CALLS_ENDED;
import static dev.cobra.metrics.MeterNames.CALLS_IN_FLIGHT;
import static dev.cobra.metrics.MeterNames.CALLS_PLACED;
import static dev.cobra.metrics.MeterNames.CALLS_SHORT;
import static dev.cobra.metrics.MeterNames.CLAIMS;
import static dev.cobra.metrics.MeterNames.COMPLIANCE_SKIPS;
import static dev.cobra.metrics.MeterNames.DIAL_RATIO;
import static dev.cobra.metrics.MeterNames.LEASES_LOST;
import static dev.cobra.metrics.MeterNames.PACED_CALLS;
import static dev.cobra.metrics.MeterNames.PACED_READY_AGENTS;
import static dev.cobra.metrics.MeterNames.PAUSED_TICKS;

import dev.cobra.calls.CallOutcome;
import dev.cobra.campaign.RunnerStats;
import dev.cobra.compliance.SkipReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * A campaign runner's meters, read from its {@link RunnerStats} at scrape time (no locking on the dial path):
 * {@code cobra_calls_placed_total}, {@code cobra_calls_ended_total{outcome}}, {@code cobra_calls_short_total} (Anatel:
 * ring and talk at most 6 s, answered or not; share = short / ended), {@code cobra_calls_in_flight},
 * {@code cobra_compliance_skips_total{reason}}, {@code cobra_claims_total}, {@code cobra_leases_lost_total},
 * {@code cobra_dialing_paused_ticks_total}; for campaigns with agents {@code cobra_dial_ratio} (calls placed / agents
 * ready at the last pacing decision that placed calls; NaN when none was ready), {@code cobra_paced_calls_total} and
 * {@code cobra_paced_ready_agents_total} (their ratio is the dial ratio over any range) and {@code cobra_abandon_ratio}
 * (abandoned / live answered over the preset's window, as the runner last read it). Every tag value comes from a fixed
 * enum or the campaign code.
 */
public final class CampaignMeters {
    /** Every meter name {@link #bind} registers (each with the campaign's tag). */
    static final List<String> NAMES = List.of(CALLS_PLACED, CLAIMS, LEASES_LOST, PAUSED_TICKS, CALLS_SHORT, PACED_CALLS,
            PACED_READY_AGENTS, CALLS_IN_FLIGHT, DIAL_RATIO, ABANDON_RATIO, CALLS_ENDED, COMPLIANCE_SKIPS);

    private CampaignMeters() {}

    /**
     * Removes the campaign's meters, so a runner that replaces another (changed settings) can {@link #bind} its own;
     * Prometheus reads the restart of its counters as a counter reset.
     */
    public static void unbind(MeterRegistry registry, String campaign) {
        for (String name : NAMES) {
            for (Meter m : List.copyOf(registry.find(name).tag("campaign", campaign).meters())) {
                registry.remove(m);
            }
        }
    }

    /** Registers the campaign's meters. {@code inFlight} is read at scrape time. */
    public static void bind(MeterRegistry registry, String campaign, RunnerStats stats, IntSupplier inFlight) {
        counter(registry, CALLS_PLACED, campaign, stats, RunnerStats.Snapshot::placed, "calls originated");
        counter(registry, CLAIMS, campaign, stats, RunnerStats.Snapshot::claimed, "debtors claimed from the due queue");
        counter(registry, LEASES_LOST, campaign, stats, RunnerStats.Snapshot::leasesLost, "claims whose lease expired before release");
        counter(registry, PAUSED_TICKS, campaign, stats, RunnerStats.Snapshot::pausedTicks,
                "pacing ticks skipped because the PBX was unavailable");
        counter(registry, CALLS_SHORT, campaign, stats, RunnerStats.Snapshot::shortCalls,
                "calls ended within Anatel's short-call limit (ring and talk at most 6 s, answered or not)");
        counter(registry, PACED_CALLS, campaign, stats, RunnerStats.Snapshot::pacedCalls,
                "calls placed at pacing decisions of campaigns with agents");
        counter(registry, PACED_READY_AGENTS, campaign, stats, RunnerStats.Snapshot::pacedReadyAgents,
                "agents ready at those pacing decisions (paced calls / this = dial ratio)");
        Gauge.builder(CALLS_IN_FLIGHT, inFlight::getAsInt).tag("campaign", campaign).description("calls placed and not ended")
                .register(registry);
        Gauge.builder(DIAL_RATIO, stats, s -> s.snapshot().dialRatio()).tag("campaign", campaign)
                .description("calls placed / agents ready at the last pacing decision that placed calls").register(registry);
        Gauge.builder(ABANDON_RATIO, stats, s -> s.snapshot().abandonRatio()).tag("campaign", campaign)
                .description("abandoned / live answered calls over the regulator's window (the preset's abandonRateWindow)")
                .register(registry);
        for (CallOutcome o : CallOutcome.values()) {
            FunctionCounter.builder(CALLS_ENDED, stats, s -> s.snapshot().outcome(o)).tag("campaign", campaign)
                    .tag("outcome", o.code()).description("calls ended, by outcome").register(registry);
        }
        for (SkipReason r : SkipReason.values()) {
            if (r == SkipReason.NONE) {
                continue;
            }
            FunctionCounter.builder(COMPLIANCE_SKIPS, stats, s -> s.snapshot().skips().getOrDefault(r, 0L))
                    .tag("campaign", campaign).tag("reason", r.name().toLowerCase(Locale.ROOT))
                    .description("claimed debtors not called now, by the compliance rule that blocked them").register(registry);
        }
    }

    private static void counter(MeterRegistry registry, String name, String campaign, RunnerStats stats,
                                ToDoubleFunction<RunnerStats.Snapshot> read, String description) {
        FunctionCounter.builder(name, stats, s -> read.applyAsDouble(s.snapshot())).tag("campaign", campaign)
                .description(description).register(registry);
    }
}
