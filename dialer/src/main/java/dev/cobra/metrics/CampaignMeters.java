package dev.cobra.metrics;

import dev.cobra.calls.CallOutcome;
import dev.cobra.campaign.RunnerStats;
import dev.cobra.compliance.SkipReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * A campaign runner's meters, read from its {@link RunnerStats} at scrape time (no locking on the dial path):
 * {@code cobra_calls_placed_total}, {@code cobra_calls_ended_total{outcome}}, {@code cobra_calls_in_flight},
 * {@code cobra_compliance_skips_total{reason}}, {@code cobra_claims_total}, {@code cobra_leases_lost_total},
 * {@code cobra_dialing_paused_ticks_total}. Every tag value comes from a fixed enum or the campaign code.
 */
public final class CampaignMeters {
    public static final String CALLS_PLACED = "cobra_calls_placed";
    public static final String CALLS_ENDED = "cobra_calls_ended";
    public static final String CALLS_IN_FLIGHT = "cobra_calls_in_flight";
    public static final String COMPLIANCE_SKIPS = "cobra_compliance_skips";
    public static final String CLAIMS = "cobra_claims";
    public static final String LEASES_LOST = "cobra_leases_lost";
    public static final String PAUSED_TICKS = "cobra_dialing_paused_ticks";

    private CampaignMeters() {}

    /** Registers the campaign's meters. {@code inFlight} is read at scrape time. */
    public static void bind(MeterRegistry registry, String campaign, RunnerStats stats, IntSupplier inFlight) {
        FunctionCounter.builder(CALLS_PLACED, stats, s -> s.snapshot().placed()).tag("campaign", campaign)
                .description("calls originated").register(registry);
        FunctionCounter.builder(CLAIMS, stats, s -> s.snapshot().claimed()).tag("campaign", campaign)
                .description("debtors claimed from the due queue").register(registry);
        FunctionCounter.builder(LEASES_LOST, stats, s -> s.snapshot().leasesLost()).tag("campaign", campaign)
                .description("claims whose lease expired before release").register(registry);
        FunctionCounter.builder(PAUSED_TICKS, stats, s -> s.snapshot().pausedTicks()).tag("campaign", campaign)
                .description("pacing ticks skipped because the PBX was unavailable").register(registry);
        Gauge.builder(CALLS_IN_FLIGHT, inFlight::getAsInt).tag("campaign", campaign).description("calls placed and not ended")
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
}
