package dev.cobra.ivr.plan;

import java.math.BigDecimal;
import java.util.List;

/**
 * One offer: pay in full (one installment, maybe discounted) or N installments. The invariants
 * are checked here, so no plan with a wrong sum can exist: the installments are numbered 1..N,
 * due on strictly increasing dates, and add up exactly to {@link #total()}.
 *
 * @param installments the payments in order
 * @param total what the debtor pays in all: the balance, minus {@code discount}, plus
 *     {@code interest}
 * @param discount the lump-sum discount (zero for installment plans)
 * @param interest the interest the installments add (zero when paying in full)
 * @param downPayment whether the first installment is a down payment (its amount then differs
 *     from the others)
 */
public record PaymentPlan(List<Installment> installments, BigDecimal total, BigDecimal discount, BigDecimal interest, boolean downPayment) {

    public PaymentPlan {
        installments = List.copyOf(installments);
        total = Money.cents("total", total);
        discount = Money.cents("discount", discount);
        interest = Money.cents("interest", interest);
        if (installments.isEmpty()) {
            throw new IllegalArgumentException("installments: empty");
        }
        BigDecimal sum = BigDecimal.ZERO.setScale(Money.CENTS_SCALE);
        for (int i = 0; i < installments.size(); i++) {
            Installment installment = installments.get(i);
            if (installment.number() != i + 1) {
                throw new IllegalArgumentException("installment " + i + " numbered " + installment.number() + " (expected: " + (i + 1) + ")");
            }
            if (i > 0 && !installment.dueDate().isAfter(installments.get(i - 1).dueDate())) {
                throw new IllegalArgumentException("installment " + (i + 1) + " due " + installment.dueDate()
                        + " (expected: after " + installments.get(i - 1).dueDate() + ")");
            }
            sum = sum.add(installment.amount());
        }
        if (sum.compareTo(total) != 0) {
            throw new IllegalArgumentException("installments sum to " + sum.toPlainString() + " (expected: total " + total.toPlainString() + ")");
        }
    }

    /** The number of payments, down payment included. */
    public int count() {
        return installments.size();
    }

    public Installment first() {
        return installments.get(0);
    }

    /**
     * The amount the IVR reads as "N installments of X": the second installment when there is a
     * down payment, else the first (the last may differ by the rounding it absorbs).
     */
    public BigDecimal regularAmount() {
        return installments.get(downPayment && installments.size() > 1 ? 1 : 0).amount();
    }
}
