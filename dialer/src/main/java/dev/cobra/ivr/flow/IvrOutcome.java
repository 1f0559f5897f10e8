package dev.cobra.ivr.flow;

import java.util.Locale;

/**
 * How one IVR call ended, from what the flow did (one value per call). An agreement stands whatever happens after
 * it (the caller may hang up while the payment code is read back); otherwise the last thing the flow did decides,
 * and a call that ends without any of them is {@link #DECLINED}, {@link #NOT_CONFIRMED}, {@link #HUNG_UP} or
 * {@link #ERROR}.
 */
public enum IvrOutcome {
    /** The right party confirmed a plan and the agreement was stored. */
    AGREEMENT,
    /** The person said they are not the debtor. */
    WRONG_PARTY,
    /** The person asked not to be called again (refused). */
    DO_NOT_CALL,
    /** The person asked to be called back. */
    CALLBACK,
    /** The flow handed the call over (to agents, or a number). */
    TRANSFERRED,
    /** An answering machine got the flow's machine message (or was hung up on when the flow has none). */
    MACHINE_MESSAGE,
    /** The right party was confirmed and the flow ended without an agreement. */
    DECLINED,
    /** The flow ended before the right party was confirmed (document mismatch, no input). */
    NOT_CONFIRMED,
    /** The caller hung up in the middle of the flow. */
    HUNG_UP,
    /** The call had no open debt behind it (unknown call id, debt settled meanwhile): hung up unheard. */
    NO_DEBT,
    /** The PBX failed or timed out, or the flow broke an invariant. */
    ERROR;

    /** The lower-case name used as a metric tag, e.g. {@code wrong_party}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
