package dev.cobra.ivr.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a campaign allows a debtor to agree to by keypad. Rates are fractions ({@code 0.0199} is
 * 1.99% a month).
 *
 * @param maxInstallments the largest number of payments offered, 1 (pay in full only) to 120;
 *     with a down payment the down payment counts as one of them
 * @param minInstallmentAmount no payment of a plan may be smaller (a plan that would need one is
 *     not offered)
 * @param monthlyInterestRate compound monthly interest for installment plans (Tabela Price, see
 *     {@link InstallmentPlanner}); 0 for interest-free plans
 * @param lumpSumDiscountRate discount on the balance for paying in full
 * @param downPaymentRate share of the balance paid as the first payment ("entrada"); 0 for none
 * @param firstDueOffsetDays days from today to the first due date (0 to 60)
 * @param roundingMode how amounts are rounded to the cent (HALF_EVEN or HALF_UP in practice;
 *     UNNECESSARY is rejected because the arithmetic produces fractions of a cent)
 * @param capLateFeeAtCdcCeiling cap the late fee at 2% of the principal (CDC, Lei 8.078/1990,
 *     art. 52 §1: "as multas de mora ... não poderão ser superiores a dois por cento do valor da
 *     prestação"); on for Brazilian consumer debt, off where it does not apply
 */
public record InstallmentPolicy(
        int maxInstallments,
        BigDecimal minInstallmentAmount,
        BigDecimal monthlyInterestRate,
        BigDecimal lumpSumDiscountRate,
        BigDecimal downPaymentRate,
        int firstDueOffsetDays,
        RoundingMode roundingMode,
        boolean capLateFeeAtCdcCeiling) {

    public static final int MAX_INSTALLMENTS_LIMIT = 120;
    public static final int MAX_FIRST_DUE_OFFSET_DAYS = 60;

    public InstallmentPolicy {
        if (maxInstallments < 1 || maxInstallments > MAX_INSTALLMENTS_LIMIT) {
            throw new IllegalArgumentException("maxInstallments: " + maxInstallments + " (expected: 1.." + MAX_INSTALLMENTS_LIMIT + ")");
        }
        minInstallmentAmount = Money.cents("minInstallmentAmount", minInstallmentAmount);
        Money.rate("monthlyInterestRate", monthlyInterestRate);
        Money.rate("lumpSumDiscountRate", lumpSumDiscountRate);
        Money.rate("downPaymentRate", downPaymentRate);
        if (firstDueOffsetDays < 0 || firstDueOffsetDays > MAX_FIRST_DUE_OFFSET_DAYS) {
            throw new IllegalArgumentException("firstDueOffsetDays: " + firstDueOffsetDays + " (expected: 0.." + MAX_FIRST_DUE_OFFSET_DAYS + ")");
        }
        Objects.requireNonNull(roundingMode, "roundingMode");
        if (roundingMode == RoundingMode.UNNECESSARY) {
            throw new IllegalArgumentException("roundingMode: UNNECESSARY (expected: a mode that rounds, e.g. HALF_EVEN)");
        }
    }

    /** True when the first payment is a down payment of {@link #downPaymentRate()} of the balance. */
    public boolean hasDownPayment() {
        return downPaymentRate.signum() > 0;
    }
}
