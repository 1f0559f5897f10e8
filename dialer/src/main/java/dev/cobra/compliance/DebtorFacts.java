package dev.cobra.compliance;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything the engine needs to know about one debtor at decision time. Built by the store
 * from its rows; immutable.
 *
 * @param debtorId store id
 * @param region the debtor's state from the import (Brazil: UF such as "SP"; US: state such as
 *     "TX"), upper case, or null when unknown; it wins over the phone's area code for state rules
 * @param zoneOverride a zone an operator has confirmed for this debtor, or null; when set it is
 *     the only zone considered
 * @param accounts the debtor's debts
 * @param phones the debtor's phones
 * @param history past attempts to this debtor, any order; only the last 7 days matter for caps,
 *     but the lifetime cap counts the whole list, so the store passes the count it has
 * @param doNotCall the debtor asked not to be called (recorded by an agent or imported)
 */
public record DebtorFacts(
        long debtorId,
        String region,
        ZoneId zoneOverride,
        List<AccountFacts> accounts,
        List<PhoneFacts> phones,
        List<AttemptFacts> history,
        boolean doNotCall) {
    public DebtorFacts {
        accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
        phones = List.copyOf(Objects.requireNonNull(phones, "phones"));
        history = List.copyOf(Objects.requireNonNull(history, "history"));
    }

    /** The same debtor with one more attempt in its history (used when a lease is released). */
    public DebtorFacts withAttempt(AttemptFacts attempt) {
        var longer = new java.util.ArrayList<AttemptFacts>(history.size() + 1);
        longer.addAll(history);
        longer.add(attempt);
        return new DebtorFacts(debtorId, region, zoneOverride, accounts, phones, longer, doNotCall);
    }
}
