package dev.cobra.metrics;

import static dev.cobra.metrics.MeterNames.AGREEMENTS;
import static dev.cobra.metrics.MeterNames.AGREEMENTS_AMOUNT;
import static dev.cobra.metrics.MeterNames.IVR_CALLS;
import static dev.cobra.metrics.MeterNames.IVR_RIGHT_PARTY;

import dev.cobra.ivr.flow.IvrListener;
import dev.cobra.ivr.flow.IvrOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The IVR's meters, fed by {@link dev.cobra.ivr.flow.FlowApplication} through {@link IvrListener}:
 * {@code cobra_ivr_calls_total{campaign,outcome}} (one per call, outcome from {@link IvrOutcome}),
 * {@code cobra_ivr_right_party_confirmed_total{campaign}}, {@code cobra_agreements_total{campaign}} and
 * {@code cobra_agreements_amount_<currency>_total{campaign}} (the agreements' totals in the currency's units, e.g.
 * {@code cobra_agreements_amount_brl_total} in reais: the currency is the base unit, so amounts in different
 * currencies never add up in one series).
 *
 * <p>A campaign's counters are all registered at zero the first time it is heard of, so rates start from zero.
 * Calls without a debt behind them count under {@code campaign="none"}. Thread-safe.
 */
public final class IvrMeters implements IvrListener {
    /** The campaign tag of calls that had no debt (and so no campaign) behind them. */
    static final String NO_CAMPAIGN = "none";

    private final MeterRegistry registry;
    private final LongFunction<String> campaignCode;
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    /** @param campaignCode the campaign code (the tag) of a campaign id; called for each call, so cache if it reads a store */
    public IvrMeters(MeterRegistry registry, LongFunction<String> campaignCode) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.campaignCode = Objects.requireNonNull(campaignCode, "campaignCode");
    }

    @Override
    public void ended(OptionalLong campaignId, IvrOutcome outcome, boolean rightPartyConfirmed) {
        String campaign = campaignId.isPresent() ? campaignCode.apply(campaignId.getAsLong()) : NO_CAMPAIGN;
        ensure(campaign);
        outcome(campaign, outcome).increment();
        if (rightPartyConfirmed) {
            rightParty(campaign).increment();
        }
    }

    @Override
    public void agreement(long campaignId, Currency currency, BigDecimal total) {
        String campaign = campaignCode.apply(campaignId);
        ensure(campaign);
        agreements(campaign).increment();
        Counter.builder(AGREEMENTS_AMOUNT).baseUnit(currency.getCurrencyCode().toLowerCase(Locale.ROOT)).tag("campaign", campaign)
                .description("total of the agreements made in the IVR, in the currency's units").register(registry)
                .increment(total.doubleValue());
    }

    private void ensure(String campaign) {
        if (seen.putIfAbsent(campaign, Boolean.TRUE) == null) {
            for (IvrOutcome o : IvrOutcome.values()) {
                outcome(campaign, o);
            }
            rightParty(campaign);
            agreements(campaign);
        }
    }

    private Counter outcome(String campaign, IvrOutcome o) {
        return Counter.builder(IVR_CALLS).tag("campaign", campaign).tag("outcome", o.code())
                .description("calls that left the IVR, by how they ended").register(registry);
    }

    private Counter agreements(String campaign) {
        return Counter.builder(AGREEMENTS).tag("campaign", campaign).description("agreements made in the IVR").register(registry);
    }

    private Counter rightParty(String campaign) {
        return Counter.builder(IVR_RIGHT_PARTY).tag("campaign", campaign)
                .description("IVR calls that confirmed the right party").register(registry);
    }
}
