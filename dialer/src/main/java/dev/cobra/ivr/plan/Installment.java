package dev.cobra.ivr.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One payment of a plan.
 *
 * @param number 1 for the first payment (the down payment when the plan has one)
 * @param dueDate the date in the debtor's calendar, already moved to a business day
 * @param amount in whole cents
 */
public record Installment(int number, LocalDate dueDate, BigDecimal amount) {

    public Installment {
        if (number < 1) {
            throw new IllegalArgumentException("number: " + number + " (expected: >= 1)");
        }
        Objects.requireNonNull(dueDate, "dueDate");
        amount = Money.cents("amount", amount);
    }
}
