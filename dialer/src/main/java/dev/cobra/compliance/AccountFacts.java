package dev.cobra.compliance;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One debt of a debtor, as the cadence needs it.
 *
 * @param accountId store id
 * @param dueDate the date the debt fell due, a calendar date in the debtor's local time
 * @param status collection status; only {@link AccountStatus#OPEN} is called for
 * @param promiseUntil the date the debtor promised to pay by, or null; calls for this debt
 *     pause through that date (local) and may resume the day after
 */
public record AccountFacts(long accountId, LocalDate dueDate, AccountStatus status, LocalDate promiseUntil) {
    public AccountFacts {
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(status, "status");
    }
}
