package dev.cobra.compliance;

import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Builds debtor facts for tests, with defaults that are callable (one open debt, one valid phone). */
final class Debtors {
    private long debtorId = 1;
    private String region;
    private ZoneId zoneOverride;
    private final List<AccountFacts> accounts = new ArrayList<>();
    private final List<PhoneFacts> phones = new ArrayList<>();
    private final List<AttemptFacts> history = new ArrayList<>();
    private boolean doNotCall;

    static Debtors debtor() {
        return new Debtors();
    }

    Debtors region(String uf) {
        this.region = uf;
        return this;
    }

    Debtors zoneOverride(ZoneId zone) {
        this.zoneOverride = zone;
        return this;
    }

    Debtors doNotCall() {
        this.doNotCall = true;
        return this;
    }

    Debtors account(LocalDate due) {
        return account(due, AccountStatus.OPEN, null);
    }

    Debtors account(LocalDate due, AccountStatus status, LocalDate promiseUntil) {
        accounts.add(new AccountFacts(accounts.size() + 1, due, status, promiseUntil));
        return this;
    }

    Debtors phone(String e164) {
        return phone(e164, PhoneStatus.VALID);
    }

    Debtors phone(String e164, PhoneStatus status) {
        phones.add(new PhoneFacts(phones.size() + 1, e164, PhoneType.MOBILE, phones.size(), status));
        return this;
    }

    Debtors attempt(long phoneId, Instant at, CallOutcome outcome) {
        history.add(AttemptFacts.of(phoneId, at, Duration.ofSeconds(30), outcome));
        return this;
    }

    Debtors attempt(long phoneId, Instant at, CallOutcome outcome, Disposition disposition) {
        history.add(new AttemptFacts(phoneId, at, Duration.ofSeconds(30), outcome, disposition, null));
        return this;
    }

    Debtors attempt(AttemptFacts a) {
        history.add(a);
        return this;
    }

    DebtorFacts build() {
        return new DebtorFacts(debtorId, region, zoneOverride, accounts, phones, history, doNotCall);
    }

    /** An instant from a local date-time in a zone. */
    static Instant at(String localDateTime, String zone) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }
}
