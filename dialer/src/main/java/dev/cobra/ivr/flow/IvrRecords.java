package dev.cobra.ivr.flow;

import java.util.Optional;

/**
 * The IVR's view of the store: who the call is for and what the call achieved. Implemented over
 * MariaDB by {@code dev.cobra.store.IvrStore}; thread-safe; every method is one short transaction.
 */
public interface IvrRecords {
    /** The debtor and debt behind a call, or empty when the call id is unknown or has no open debt. */
    Optional<DebtorView> debtorForCall(String callId);

    /**
     * Stores the call's agreement with its installments and marks the debt as in agreement, in one
     * transaction. Idempotent per attempt: a second call (a retry, a reconnect) returns the agreement
     * already stored and writes nothing.
     */
    StoredAgreement recordAgreement(NewAgreement agreement);

    /** The person is not the debtor: the phone is marked wrong party, the attempt's disposition set. */
    void markWrongParty(DebtorView debtor);

    /** The person asked not to be called: the phone goes on the do-not-call list. */
    void doNotCall(DebtorView debtor);

    /** The person asked to be called back: the attempt's disposition says so. */
    void scheduleCallback(DebtorView debtor);

    /** How far the caller got (the last node), written when the IVR lets go of the call. */
    void recordProgress(String callId, String lastNode);
}
