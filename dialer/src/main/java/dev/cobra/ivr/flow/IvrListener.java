package dev.cobra.ivr.flow;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.OptionalLong;

/**
 * Hears what each IVR call achieved (the metrics adapter implements it). Called on the call's own thread, once per
 * call for {@link #ended} and once per new agreement; implementations must be thread-safe, quick, and must not throw.
 * Nothing passed here identifies a person.
 */
public interface IvrListener {
    /** Hears nothing. */
    IvrListener NONE = new IvrListener() {
        @Override
        public void ended(OptionalLong campaignId, IvrOutcome outcome, boolean rightPartyConfirmed) {}

        @Override
        public void agreement(long campaignId, Currency currency, BigDecimal total) {}
    };

    /**
     * A call left the IVR.
     *
     * @param campaignId the call's campaign, empty when the call had no debt behind it
     * @param rightPartyConfirmed whether the flow reached a node that confirms the right party
     */
    void ended(OptionalLong campaignId, IvrOutcome outcome, boolean rightPartyConfirmed);

    /** An agreement was stored for the first time (a retry that found it stored is not heard). */
    void agreement(long campaignId, Currency currency, BigDecimal total);
}
