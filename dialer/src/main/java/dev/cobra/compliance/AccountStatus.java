package dev.cobra.compliance;

/** Where one debt (account) stands; only {@link #OPEN} debts are collected by phone. */
public enum AccountStatus {
    /** Overdue and not settled: the cadence may call for it. */
    OPEN,
    /** An installment agreement is in force: calls stop for this debt. */
    IN_AGREEMENT,
    /** Paid in full: calls stop. */
    PAID,
    /** Written off or handed to the next stage: calls stop. */
    WRITTEN_OFF,
    /** The debtor disputes the debt: calls stop until it is verified (Reg F 12 CFR 1006.34/38). */
    DISPUTED
}
