package dev.cobra.ivr.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the IVR may offer for one debt today.
 *
 * @param balance the balance the offers are computed from (with the late fee capped when the
 *     policy says so): read this one to the debtor, not the raw one
 * @param fullPayment pay in full, with the policy's discount
 * @param installmentPlans one plan per allowed number of payments, in increasing count (2 and
 *     up; counts whose payments would fall under the minimum are left out)
 */
public record Offers(DebtBalance balance, PaymentPlan fullPayment, List<PaymentPlan> installmentPlans) {

    public Offers {
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(fullPayment, "fullPayment");
        installmentPlans = List.copyOf(installmentPlans);
    }

    /** The installment plan with this many payments, if offered. */
    public Optional<PaymentPlan> installments(int count) {
        return installmentPlans.stream().filter(plan -> plan.count() == count).findFirst();
    }
}
