package dev.cobra.compliance;

/** What we know about a phone number; anything but {@link #VALID} suppresses it. */
public enum PhoneStatus {
    VALID,
    /** Someone other than the debtor answers there (CDC art. 42: no exposure to third parties). */
    WRONG_PARTY,
    /** The number does not exist or is not the debtor's any more. */
    INVALID,
    /** The holder asked not to be called on this number. */
    DO_NOT_CALL
}
