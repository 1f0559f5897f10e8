package dev.cobra.compliance;

import java.util.Locale;

/**
 * Why a debtor is not called now; a small fixed set, so it is safe as a metric tag. When the
 * call is allowed the reason is {@link #NONE}.
 */
public enum SkipReason {
    /** Allowed now. */
    NONE,
    /** Local time is outside the calling window in at least one candidate zone. */
    OUTSIDE_WINDOW,
    /** A national, state or configured holiday in at least one candidate zone. */
    HOLIDAY,
    /** The candidate zones' windows never overlap: ask an operator to confirm the zone. */
    NO_COMMON_WINDOW,
    /** The debtor asked not to be called, or is on the do-not-call list. */
    DEBTOR_DO_NOT_CALL,
    /** Every phone is suppressed (wrong party, invalid, do-not-call) or there is none. */
    NO_CALLABLE_PHONE,
    /** Attempts to the debtor in the last 24 h reached the cap. */
    DAILY_CAP,
    /** Attempts to the debtor in the last 7 days reached the cap. */
    WEEKLY_CAP,
    /** Attempts to this phone in the last 24 h or 7 days reached the cap. */
    PHONE_CAP,
    /** Right-party conversations in the last 7 days reached the cap. */
    CONVERSATION_CAP,
    /** Too soon after a conversation (Reg F: 7 days). */
    CONVERSATION_GAP,
    /** Too soon after an abandoned call to this number (Ofcom: 72 h). */
    ABANDONED_GAP,
    /** The cadence's retry delay after the last outcome or disposition has not passed. */
    RETRY_DELAY,
    /** The debtor asked to be called back later. */
    CALLBACK_SCHEDULED,
    /** A promise to pay is pending. */
    PROMISE_PENDING,
    /** The first call waits some days after the due date (reminders go by message first). */
    TOO_SOON_AFTER_DUE,
    /** No open debt: paid, in agreement, written off or disputed. */
    NO_OPEN_DEBT,
    /** Lifetime attempt cap reached or too long overdue: hand to the next stage. */
    NEXT_STAGE;

    /** Lower-case tag value for metrics, e.g. "outside_window". */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
