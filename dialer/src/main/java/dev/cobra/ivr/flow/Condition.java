package dev.cobra.ivr.flow;

/**
 * A fact about the call that decides whether a node runs ({@code when:}) or is skipped to its
 * {@code next}. A fixed set, so a typo is a validation error and not a silently false condition.
 */
public enum Condition {
    /** The campaign records calls: say so (São Paulo law 14.953/2013). */
    RECORDS_CALLS("records-calls"),
    /** The campaign asks for the first digits of the debtor's document after the right-party key. */
    VERIFY_DOCUMENT("verify-document"),
    /** The policy gives a discount for paying in full. */
    HAS_DISCOUNT("has-discount"),
    /** At least one installment plan is offered. */
    HAS_INSTALLMENTS("has-installments"),
    /** A Pix payload goes with the agreement (the creditor has a Pix key and the debt is in reais). */
    HAS_PIX("has-pix"),
    /** The campaign leaves the limited-content message on answering machines (else: hang up). */
    LEAVE_MACHINE_MESSAGE("leave-machine-message");

    private final String key;

    Condition(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The condition named {@code key} in a flow file, or null. */
    public static Condition byKey(String key) {
        for (Condition c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }
}
