package dev.cobra.ivr.flow;

import dev.cobra.ivr.plan.PaymentPlan;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * An agreement to store: the plan the caller confirmed, for the call's debt.
 *
 * @param debtor the call's debtor and debt (attempt id makes the write idempotent)
 * @param plan the confirmed plan (installments with exact cents)
 * @param currency of the plan
 * @param paymentCode digits the caller writes down and quotes when paying
 * @param pixPayload Pix "copia e cola" for the first payment, when the creditor has a Pix key
 * @param at when the caller confirmed
 */
public record NewAgreement(DebtorView debtor, PaymentPlan plan, Currency currency, String paymentCode, Optional<String> pixPayload,
        Instant at) {
    public NewAgreement {
        Objects.requireNonNull(debtor, "debtor");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(pixPayload, "pixPayload");
        Objects.requireNonNull(at, "at");
        if (!paymentCode.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("paymentCode: expected 1-20 digits");
        }
    }

    /** {@code full} or {@code installments-N}, as stored in {@code agreements.plan}. */
    public String planCode() {
        return plan.count() == 1 ? "full" : "installments-" + plan.count();
    }
}
