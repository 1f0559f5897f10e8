package dev.cobra.ivr.flow;

import dev.cobra.ivr.plan.DebtBalance;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;

/**
 * What the IVR may know about the call's debtor and debt, loaded from the store by call id (never
 * from the PBX). Holds personal data: {@link #toString()} shows ids only.
 *
 * @param callId Cobra's call id
 * @param attemptId the call attempt row (agreements are unique per attempt)
 * @param campaignId the campaign (selects the IVR settings)
 * @param debtorId the debtor
 * @param accountId the debt being collected
 * @param phoneId the dialled phone (marked wrong party or do-not-call)
 * @param firstName for the named right-party check
 * @param documentDigits the debtor's CPF/CNPJ digits, for the first-digits check only
 * @param balance the itemised balance today
 * @param currency of the balance
 * @param dueDate when the debt fell due
 * @param zone the debtor's time zone (dates of the plan are the debtor's dates)
 * @param machineAnswered the AMD verdict on this call was "machine"
 */
public record DebtorView(String callId, long attemptId, long campaignId, long debtorId, long accountId, long phoneId,
        String firstName, String documentDigits, DebtBalance balance, Currency currency, LocalDate dueDate, ZoneId zone,
        boolean machineAnswered) {
    public DebtorView {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(zone, "zone");
    }

    @Override
    public String toString() {
        return "DebtorView[callId=" + callId + ", attemptId=" + attemptId + ", campaignId=" + campaignId + ", accountId=" + accountId + "]";
    }
}
