package dev.cobra.ivr.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Checks shared by the plan records: amounts are non-negative and exact to the cent. */
final class Money {
    static final int CENTS_SCALE = 2;

    private Money() {}

    /** The amount at scale 2; rejects negatives and fractions of a cent (naming the field). */
    static BigDecimal cents(String field, BigDecimal amount) {
        if (amount == null) {
            throw new IllegalArgumentException(field + ": null");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(field + ": " + amount.toPlainString() + " (expected: >= 0)");
        }
        try {
            return amount.setScale(CENTS_SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + ": " + amount.toPlainString() + " (expected: whole cents)", e);
        }
    }

    /** A rate in [0, 1): rejects nulls, negatives and 100% or more (naming the field). */
    static BigDecimal rate(String field, BigDecimal rate) {
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(field + ": " + (rate == null ? "null" : rate.toPlainString())
                    + " (expected: 0 <= rate < 1, e.g. 0.0199 for 1.99%)");
        }
        return rate;
    }
}
