package dev.cobra.compliance;

import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A second, deliberately naive reading of the policy for the property test: is a call to this
 * phone legal at this instant? Written from the rules, not from the engine: wall clock through
 * ZonedDateTime, caps by counting, no search. Shares only the zone table and the holiday
 * calendar, which have their own table tests.
 */
final class Oracle {
    private final Policy policy;
    private final DoNotCallList dnc;

    Oracle(Policy policy, DoNotCallList dnc) {
        this.policy = policy;
        this.dnc = dnc;
    }

    /** True when some phone of the debtor may be called at {@code t}. */
    boolean anyLegal(DebtorFacts f, Instant t) {
        for (PhoneFacts p : f.phones()) {
            if (legal(f, p, t)) {
                return true;
            }
        }
        return false;
    }

    /** Null when legal, else the first rule broken (for failure messages). */
    String broken(DebtorFacts f, PhoneFacts phone, Instant t) {
        Caps caps = policy.caps();
        Cadence cadence = policy.cadence();
        if (f.doNotCall() || dnc.blocksDebtor(f.debtorId())) return "debtor do-not-call";
        if (f.history().size() >= caps.lifetimeAttempts()) return "lifetime";
        if (phone.status() != PhoneStatus.VALID || dnc.blocksNumber(phone.e164())) return "phone suppressed";
        List<ZoneCandidate> zones = policy.jurisdiction().candidates(phone.e164(), f.region(), f.zoneOverride());
        for (ZoneCandidate c : zones) {
            ZonedDateTime local = t.atZone(c.zone());
            int second = local.toLocalTime().toSecondOfDay();
            boolean inWindow = policy.window().ranges(local.getDayOfWeek()).stream()
                    .anyMatch(r -> r.startSecondOfDay() <= second && second < r.endSecondOfDay());
            if (!inWindow) return "window in " + c.zone();
            if (policy.holidays().holiday(local.toLocalDate(), c.region()) != null) return "holiday in " + c.zone();
        }
        int day = 0;
        int week = 0;
        int conversations = 0;
        int phoneDay = 0;
        int phoneWeek = 0;
        for (AttemptFacts a : f.history()) {
            if (a.disposition() == Disposition.DO_NOT_CALL) return "asked not to be called";
            Instant end = a.endedAt();
            boolean inDay = a.startedAt().isAfter(t.minus(Duration.ofHours(24)));
            boolean inWeek = a.startedAt().isAfter(t.minus(Duration.ofDays(7)));
            if (inDay) day++;
            if (inWeek) week++;
            if (a.rightPartyConversation()) {
                if (inWeek) conversations++;
                if (t.isBefore(end.plus(caps.gapAfterConversation()))) return "gap after conversation";
            }
            if (t.isBefore(end.plus(caps.minGapBetweenAttempts()))) return "gap between attempts";
            if (a.disposition() == Disposition.CALLBACK && a.callbackAt() != null) {
                if (t.isBefore(a.callbackAt())) return "callback";
            } else if (a.disposition() != null) {
                RetryRule r = cadence.retryAfterDisposition().get(a.disposition());
                if (r != null && t.isBefore(end.plus(((RetryRule.After) r).delay()))) return "disposition delay";
            }
            if (a.phoneId() != phone.phoneId()) continue;
            if (a.disposition() == Disposition.WRONG_PARTY) return "wrong party";
            if (inDay) phoneDay++;
            if (inWeek) phoneWeek++;
            if (a.outcome() == CallOutcome.ABANDONED && t.isBefore(end.plus(caps.gapAfterAbandoned()))) return "abandoned";
            RetryRule r = cadence.retryAfterOutcome().get(a.outcome());
            if (r instanceof RetryRule.After && t.isBefore(end.plus(((RetryRule.After) r).delay()))) return "outcome delay";
            if (r instanceof RetryRule.NextWindow && sameWindowAsEnd(zones, end, t)) return "next window";
        }
        if (day >= caps.attemptsPerDebtorPerDay()) return "daily cap";
        if (week >= caps.attemptsPerDebtorPer7Days()) return "weekly cap";
        if (conversations >= caps.conversationsPer7Days()) return "conversation cap";
        if (phoneDay >= caps.attemptsPerPhonePerDay() || phoneWeek >= caps.attemptsPerPhonePer7Days()) return "phone cap";
        for (AccountFacts account : f.accounts()) {
            if (account.status() == AccountStatus.OPEN && accountCallable(account, zones, t)) {
                return null;
            }
        }
        return "no callable debt";
    }

    boolean legal(DebtorFacts f, PhoneFacts phone, Instant t) {
        return broken(f, phone, t) == null;
    }

    /** True when {@code t} is before the close of a window range that {@code end} fell in, in some zone. */
    private boolean sameWindowAsEnd(List<ZoneCandidate> zones, Instant end, Instant t) {
        for (ZoneCandidate c : zones) {
            LocalDateTime local = LocalDateTime.ofInstant(end, c.zone());
            int second = local.toLocalTime().toSecondOfDay();
            for (DailyRange r : policy.window().ranges(local.getDayOfWeek())) {
                if (r.startSecondOfDay() <= second && second < r.endSecondOfDay()) {
                    Instant close = local.toLocalDate().atStartOfDay().plusSeconds(r.endSecondOfDay()).atZone(c.zone()).toInstant();
                    if (t.isBefore(close)) return true;
                }
            }
        }
        return false;
    }

    private boolean accountCallable(AccountFacts account, List<ZoneCandidate> zones, Instant t) {
        Cadence cadence = policy.cadence();
        for (ZoneCandidate c : zones) {
            LocalDate today = t.atZone(c.zone()).toLocalDate();
            if (today.isBefore(account.dueDate().plusDays(cadence.firstCallAfterDueDays()))) return false;
            if (account.promiseUntil() != null && !today.isAfter(account.promiseUntil())) return false;
            if (cadence.handOffAfterDaysOverdue() > 0
                    && today.isAfter(account.dueDate().plusDays(cadence.handOffAfterDaysOverdue()))) return false;
        }
        return true;
    }
}
