package dev.cobra.calls;

/**
 * What the conversation achieved, set by an agent at wrap-up or by the IVR. Feeds the cadence
 * (the "régua"): a promise pauses calls until its date, an agreement stops them for that debt,
 * a wrong party suppresses the phone, do-not-call suppresses the debtor.
 */
public enum Disposition {
    PROMISE_TO_PAY,
    AGREEMENT,
    REFUSED,
    WRONG_PARTY,
    CALLBACK,
    DISPUTE,
    DO_NOT_CALL,
    /** Talked to the debtor, nothing of the above. */
    CONTACT_NO_RESULT;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Disposition fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
