package dev.cobra.ivr.plan;

import java.math.BigDecimal;

/**
 * What a debt is made of today, itemised as the IVR reads it (São Paulo state law 14.953/2013
 * asks for the itemisation): principal, interest, late fee ("multa de mora") and other fees. All
 * in whole cents of one currency, non-negative.
 */
public record DebtBalance(BigDecimal principal, BigDecimal interest, BigDecimal lateFee, BigDecimal otherFees) {

    public DebtBalance {
        principal = Money.cents("principal", principal);
        interest = Money.cents("interest", interest);
        lateFee = Money.cents("lateFee", lateFee);
        otherFees = Money.cents("otherFees", otherFees);
    }

    /** Late fee plus other fees: the "fees" line of the itemisation. */
    public BigDecimal fees() {
        return lateFee.add(otherFees);
    }

    public BigDecimal total() {
        return principal.add(interest).add(lateFee).add(otherFees);
    }

    /** This balance with the late fee replaced. */
    public DebtBalance withLateFee(BigDecimal newLateFee) {
        return new DebtBalance(principal, interest, newLateFee, otherFees);
    }
}
