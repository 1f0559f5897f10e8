package dev.cobra.ivr.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Computes the {@link Offers} for a debt under one campaign's {@link InstallmentPolicy}.
 *
 * <h2>Interest: Tabela Price (compound), antecipated</h2>
 * Installment plans use the Price table (French amortisation): equal payments at compound
 * monthly interest {@code i}. Equal payments are what the IVR can say ("três parcelas de X"),
 * and the Price table is how Brazilian consumer credit is priced and how the CET is computed, so
 * the debtor's figures match a bank's; simple interest would under-price long plans and match
 * nothing a debtor can check. The first payment is due soon ({@code firstDueOffsetDays}), the
 * others monthly after it, so the series is antecipated (first payment at time 0):
 * <pre>
 *   without a down payment, N payments of  P = T · i / ((1 − (1+i)^−N) · (1+i))    (T/N when i = 0)
 *   with a down payment     D = round(T · downPaymentRate), then N − 1 payments of
 *                           P = (T − D) · i / (1 − (1+i)^−(N−1))                   ((T−D)/(N−1) when i = 0)
 * </pre>
 * With N = 1 the formula gives P = T: paying once costs no interest. P is computed with 34
 * significant digits, every payment but the last is P rounded to the cent with the policy's
 * rounding mode, and the plan's total is {@code round(D + P·n)}; the last payment is the total
 * minus the others, so the payments add up exactly to the total.
 *
 * <h2>Pay in full</h2>
 * One payment of {@code T − round(T · lumpSumDiscountRate)}, due on the first due date.
 *
 * <h2>Due dates</h2>
 * The first is today + {@code firstDueOffsetDays}; payment k is due k calendar months after the
 * first ({@link LocalDate#plusMonths}, so the 31st becomes the 28th/29th/30th in short months
 * and returns to the 31st after). A date that is not a business day (the predicate comes from the
 * compliance calendar) moves forward to the next business day, without changing the amount: a
 * payment due on a holiday is accepted on the next business day with no charges, as boletos and
 * bank debits already work in Brazil, so the debtor never pays more for it.
 *
 * <p>Immutable and thread-safe when the predicate is.
 */
public final class InstallmentPlanner {
    private static final MathContext MATH = MathContext.DECIMAL128;
    /** CDC art. 52 §1: late fee at most 2% of the amount due. */
    private static final BigDecimal CDC_LATE_FEE_CEILING_RATE = new BigDecimal("0.02");
    /** A run of non-business days longer than this means a broken calendar, not a long holiday. */
    private static final int MAX_NON_BUSINESS_DAYS_IN_A_ROW = 31;

    private final InstallmentPolicy policy;
    private final Predicate<LocalDate> businessDay;

    /**
     * @param businessDay true for days a payment can fall due (weekdays that are not holidays in
     *     the debtor's calendar); {@code date -> true} keeps calendar dates
     */
    public InstallmentPlanner(InstallmentPolicy policy, Predicate<LocalDate> businessDay) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.businessDay = Objects.requireNonNull(businessDay, "businessDay");
    }

    public InstallmentPolicy policy() {
        return policy;
    }

    /**
     * The offers for a balance as of {@code today} (the debtor's local date).
     *
     * @throws IllegalArgumentException when the balance is zero (nothing to agree)
     */
    public Offers offers(DebtBalance balance, LocalDate today) {
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(today, "today");
        DebtBalance capped = capLateFee(balance);
        BigDecimal total = capped.total();
        if (total.signum() == 0) {
            throw new IllegalArgumentException("balance: 0.00 (expected: > 0)");
        }
        LocalDate firstDue = today.plusDays(policy.firstDueOffsetDays());
        List<PaymentPlan> plans = new ArrayList<>();
        for (int count = 2; count <= policy.maxInstallments(); count++) {
            installmentPlan(total, count, firstDue).ifPresent(plans::add);
        }
        return new Offers(capped, fullPayment(total, firstDue), plans);
    }

    private DebtBalance capLateFee(DebtBalance balance) {
        if (!policy.capLateFeeAtCdcCeiling()) {
            return balance;
        }
        // Rounded down: the cap must never be exceeded by a rounding cent.
        BigDecimal ceiling = balance.principal().multiply(CDC_LATE_FEE_CEILING_RATE).setScale(Money.CENTS_SCALE, RoundingMode.DOWN);
        return balance.lateFee().compareTo(ceiling) > 0 ? balance.withLateFee(ceiling) : balance;
    }

    private PaymentPlan fullPayment(BigDecimal total, LocalDate firstDue) {
        BigDecimal discount = cents(total.multiply(policy.lumpSumDiscountRate()));
        BigDecimal amount = total.subtract(discount);
        return new PaymentPlan(List.of(new Installment(1, dueDate(firstDue, 0), amount)), amount, discount, zero(), false);
    }

    /** The plan with {@code count} payments, or empty when a payment would be under the minimum or zero. */
    private Optional<PaymentPlan> installmentPlan(BigDecimal total, int count, LocalDate firstDue) {
        BigDecimal rate = policy.monthlyInterestRate();
        boolean down = policy.hasDownPayment();
        BigDecimal downPayment = down ? cents(total.multiply(policy.downPaymentRate())) : zero();
        int level = down ? count - 1 : count;
        BigDecimal payment = down
                ? postecipatedPayment(total.subtract(downPayment), rate, level)
                : postecipatedPayment(total, rate, level).divide(BigDecimal.ONE.add(rate), MATH);
        // Interest-free plans add up to the balance itself, whatever the rounding mode does to T/N·N.
        BigDecimal planTotal = rate.signum() == 0 ? total : cents(downPayment.add(payment.multiply(BigDecimal.valueOf(level), MATH)));
        BigDecimal rounded = cents(payment);
        List<BigDecimal> amounts = new ArrayList<>(count);
        BigDecimal paid = zero();
        for (int k = 0; k < count - 1; k++) {
            BigDecimal amount = k == 0 && down ? downPayment : rounded;
            amounts.add(amount);
            paid = paid.add(amount);
        }
        amounts.add(planTotal.subtract(paid));
        for (BigDecimal amount : amounts) {
            // Tiny balances split many ways round to zero or leave a negative remainder: not a plan.
            if (amount.signum() <= 0 || amount.compareTo(policy.minInstallmentAmount()) < 0) {
                return Optional.empty();
            }
        }
        List<Installment> installments = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            installments.add(new Installment(k + 1, dueDate(firstDue, k), amounts.get(k)));
        }
        return Optional.of(new PaymentPlan(installments, planTotal, zero(), planTotal.subtract(total), down));
    }

    /** The level payment of {@code n} payments, one period apart, the first one period from now. */
    private static BigDecimal postecipatedPayment(BigDecimal presentValue, BigDecimal rate, int n) {
        if (rate.signum() == 0) {
            return presentValue.divide(BigDecimal.valueOf(n), MATH);
        }
        BigDecimal discountFactor = BigDecimal.ONE.divide(BigDecimal.ONE.add(rate).pow(n, MATH), MATH);
        return presentValue.multiply(rate, MATH).divide(BigDecimal.ONE.subtract(discountFactor, MATH), MATH);
    }

    private LocalDate dueDate(LocalDate firstDue, int monthsAfter) {
        LocalDate date = firstDue.plusMonths(monthsAfter);
        for (int moved = 0; !businessDay.test(date); moved++) {
            if (moved == MAX_NON_BUSINESS_DAYS_IN_A_ROW) {
                throw new IllegalStateException("no business day within " + MAX_NON_BUSINESS_DAYS_IN_A_ROW
                        + " days after " + firstDue.plusMonths(monthsAfter) + " (check the holiday calendar)");
            }
            date = date.plusDays(1);
        }
        return date;
    }

    private BigDecimal cents(BigDecimal amount) {
        return amount.setScale(Money.CENTS_SCALE, policy.roundingMode());
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(Money.CENTS_SCALE);
    }
}
