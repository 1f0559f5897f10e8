package dev.cobra.compliance;

import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a debtor may be dialed now, on which phone, and if not, why and when next.
 * Owns the rules' evaluation for one {@link Policy}; knows nothing of storage, PBXs or metrics.
 *
 * <p>Model: every rule except the calling window and the debt's life cycle is a "not before"
 * instant (caps, gaps, retry delays); the debt's life cycle gives intervals of callable
 * instants (from N days after due, or after a promise, until the hand-off); the window gives
 * the local times that are open in every candidate zone of the phone. A call is allowed at
 * {@code t} when, for some phone, {@code t} is past all its "not before" instants, inside one
 * interval, and open. {@link Decision#nextEligible()} is the least such {@code t >= now}
 * within {@link #HORIZON}; past the horizon the debtor is "never".
 *
 * <p>The reason given is the rule that keeps the debtor from being called now and clears last
 * (a cap, a delay, the due date...); only when no such rule remains is it the window or a
 * holiday. Ties go to the rule checked first: debtor-level before phone-level, the abandoned
 * gap before the outcome delay.
 *
 * <p>Threading: immutable and stateless; call from any thread. Cost: linear in history and
 * phones, no I/O; a few microseconds.
 */
public final class ComplianceEngine {
    /** How far ahead the next eligible instant is searched; beyond it the answer is "never". */
    public static final Duration HORIZON = Duration.ofDays(400);
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration WEEK = Duration.ofDays(7);

    private final Policy policy;
    private final DoNotCallList doNotCall;
    private final WindowSearch windows;

    public ComplianceEngine(Policy policy, DoNotCallList doNotCall) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.doNotCall = Objects.requireNonNull(doNotCall, "doNotCall");
        this.windows = new WindowSearch(policy.window(), policy.holidays());
    }

    public Policy policy() {
        return policy;
    }

    /** The candidate zones for one phone of a debtor. */
    public List<ZoneCandidate> candidates(DebtorFacts debtor, PhoneFacts phone) {
        return policy.jurisdiction().candidates(phone.e164(), debtor.region(), debtor.zoneOverride());
    }

    /**
     * Called when an attempt ends (the lease is released): the decision at the attempt's end
     * with the attempt in the history. Its {@link Decision#nextEligible()} is what the store
     * keeps as the debtor's next eligible time (null: never, see the reason).
     */
    public Decision afterAttempt(DebtorFacts before, AttemptFacts finished) {
        return decide(before.withAttempt(finished), finished.endedAt());
    }

    /** A constraint "not before {@code at}" and the reason it exists. */
    private static final class Bound {
        Instant at;
        SkipReason reason = SkipReason.NONE;
        String detail = "";

        Bound(Instant at) {
            this.at = at;
        }

        Bound(Bound other) {
            this.at = other.at;
            this.reason = other.reason;
            this.detail = other.detail;
        }

        void raise(Instant candidate, SkipReason why, String text) {
            if (candidate != null && candidate.isAfter(at)) {
                at = candidate;
                reason = why;
                detail = text;
            }
        }
    }

    /** Decides for {@code debtor} at {@code now}. */
    public Decision decide(DebtorFacts debtor, Instant now) {
        if (debtor.doNotCall() || doNotCall.blocksDebtor(debtor.debtorId())) {
            return never(now, SkipReason.DEBTOR_DO_NOT_CALL, null, List.of(), "the debtor is on the do-not-call list");
        }
        List<AttemptFacts> history = debtor.history();
        Caps caps = policy.caps();
        if (history.size() >= caps.lifetimeAttempts()) {
            return never(now, SkipReason.NEXT_STAGE, null, List.of(), history.size() + " attempts reached the lifetime cap of "
                    + caps.lifetimeAttempts() + " (" + policy.name() + "); next stage: " + policy.cadence().nextStage());
        }
        Bound debtorBound = new Bound(now);
        long[] starts = new long[history.size()];
        long[] conversations = new long[history.size()];
        int conversationCount = 0;
        Instant lastEnd = null;
        Instant lastConversationEnd = null;
        Map<Long, List<AttemptFacts>> byPhone = new HashMap<>();
        for (int i = 0; i < history.size(); i++) {
            AttemptFacts a = history.get(i);
            starts[i] = a.startedAt().getEpochSecond();
            Instant end = a.endedAt();
            if (lastEnd == null || end.isAfter(lastEnd)) lastEnd = end;
            if (a.rightPartyConversation()) {
                conversations[conversationCount++] = a.startedAt().getEpochSecond();
                if (lastConversationEnd == null || end.isAfter(lastConversationEnd)) lastConversationEnd = end;
            }
            if (a.disposition() == Disposition.DO_NOT_CALL) {
                return never(now, SkipReason.DEBTOR_DO_NOT_CALL, null, List.of(), "the debtor asked not to be called");
            }
            byPhone.computeIfAbsent(a.phoneId(), k -> new ArrayList<>()).add(a);
            applyDisposition(debtorBound, a);
        }
        raiseCap(debtorBound, starts, history.size(), caps.attemptsPerDebtorPerDay(), DAY, SkipReason.DAILY_CAP,
                "attempts to the debtor in 24 h");
        raiseCap(debtorBound, starts, history.size(), caps.attemptsPerDebtorPer7Days(), WEEK, SkipReason.WEEKLY_CAP,
                "attempts to the debtor in 7 days");
        raiseCap(debtorBound, conversations, conversationCount, caps.conversationsPer7Days(), WEEK,
                SkipReason.CONVERSATION_CAP, "conversations in 7 days");
        if (lastConversationEnd != null && !caps.gapAfterConversation().isZero()) {
            debtorBound.raise(lastConversationEnd.plus(caps.gapAfterConversation()), SkipReason.CONVERSATION_GAP,
                    "talked to the debtor; no call for " + Durations.format(caps.gapAfterConversation()) + " after a conversation");
        }
        if (lastEnd != null && !caps.minGapBetweenAttempts().isZero()) {
            debtorBound.raise(lastEnd.plus(caps.minGapBetweenAttempts()), SkipReason.RETRY_DELAY,
                    Durations.format(caps.minGapBetweenAttempts()) + " between attempts to one debtor");
        }

        List<PhoneFacts> phones = ranked(debtor.phones(), byPhone);
        Outcome best = null;
        PhoneFacts bestPhone = null;
        List<ZoneCandidate> bestZones = List.of();
        Outcome firstNever = null;
        List<ZoneCandidate> neverZones = List.of();
        for (PhoneFacts phone : phones) {
            List<AttemptFacts> attempts = byPhone.getOrDefault(phone.phoneId(), List.of());
            if (suppressed(phone, attempts)) {
                continue;
            }
            List<ZoneCandidate> zones = candidates(debtor, phone);
            Bound bound = new Bound(debtorBound);
            raisePhone(bound, attempts, zones);
            Outcome o = earliest(debtor.accounts(), zones, bound, now);
            if (o.at != null && o.at.equals(now)) {
                return new Decision(now, true, phone, SkipReason.NONE, now, zoneIds(zones), "allowed now");
            }
            if (o.at != null && (best == null || o.at.isBefore(best.at))) {
                best = o;
                bestPhone = phone;
                bestZones = zones;
            } else if (o.at == null && firstNever == null) {
                firstNever = o;
                neverZones = zones;
            }
        }
        if (best != null) {
            return new Decision(now, false, bestPhone, best.reason, best.at, zoneIds(bestZones), best.detail);
        }
        if (firstNever != null) {
            return never(now, firstNever.reason, null, zoneIds(neverZones), firstNever.detail);
        }
        return never(now, SkipReason.NO_CALLABLE_PHONE, null, List.of(),
                "no phone can be called (none, or wrong party, invalid or do-not-call)");
    }

    private static Decision never(Instant now, SkipReason reason, PhoneFacts phone, List<ZoneId> zones, String detail) {
        return new Decision(now, false, phone, reason, null, zones, detail);
    }

    private static List<ZoneId> zoneIds(List<ZoneCandidate> candidates) {
        var out = new ArrayList<ZoneId>(candidates.size());
        for (ZoneCandidate c : candidates) {
            if (!out.contains(c.zone())) out.add(c.zone());
        }
        return out;
    }

    private void applyDisposition(Bound bound, AttemptFacts a) {
        Disposition d = a.disposition();
        if (d == null) {
            return;
        }
        if (d == Disposition.CALLBACK && a.callbackAt() != null) {
            bound.raise(a.callbackAt(), SkipReason.CALLBACK_SCHEDULED, "the debtor asked to be called back then");
            return;
        }
        RetryRule rule = policy.cadence().retryAfterDisposition().get(d);
        if (rule instanceof RetryRule.After) {
            Duration delay = ((RetryRule.After) rule).delay();
            SkipReason why = d == Disposition.PROMISE_TO_PAY ? SkipReason.PROMISE_PENDING : SkipReason.RETRY_DELAY;
            bound.raise(a.endedAt().plus(delay), why,
                    "cadence waits " + Durations.format(delay) + " after " + d.code().replace('_', ' ')
                            + " (" + policy.name() + ")");
        }
    }

    /**
     * Rolling cap: at most {@code cap} events with start in (t - window, t]. With the starts
     * sorted newest first, the cap is satisfied from the cap-th newest plus the window.
     */
    private static void raiseCap(Bound bound, long[] startSeconds, int count, int cap, Duration window,
                                 SkipReason why, String what) {
        if (count < cap) {
            return;
        }
        long[] sorted = Arrays.copyOf(startSeconds, count);
        Arrays.sort(sorted);
        long capThNewest = sorted[count - cap];
        Instant clears = Instant.ofEpochSecond(capThNewest).plus(window);
        bound.raise(clears, why, cap + " " + what + " reached");
    }

    private boolean suppressed(PhoneFacts phone, List<AttemptFacts> attempts) {
        if (phone.status() != PhoneStatus.VALID || doNotCall.blocksNumber(phone.e164())) {
            return true;
        }
        for (AttemptFacts a : attempts) {
            if (a.disposition() == Disposition.WRONG_PARTY) {
                return true;
            }
        }
        return false;
    }

    private void raisePhone(Bound bound, List<AttemptFacts> attempts, List<ZoneCandidate> zones) {
        Caps caps = policy.caps();
        long[] starts = new long[attempts.size()];
        for (int i = 0; i < attempts.size(); i++) {
            AttemptFacts a = attempts.get(i);
            starts[i] = a.startedAt().getEpochSecond();
            if (a.outcome() == CallOutcome.ABANDONED && !caps.gapAfterAbandoned().isZero()) {
                bound.raise(a.endedAt().plus(caps.gapAfterAbandoned()), SkipReason.ABANDONED_GAP,
                        "no redial within " + Durations.format(caps.gapAfterAbandoned()) + " of an abandoned call ("
                                + policy.name() + ")");
            }
            RetryRule rule = policy.cadence().retryAfterOutcome().get(a.outcome());
            String outcome = a.outcome().code().replace('_', ' ');
            if (rule instanceof RetryRule.After) {
                Duration delay = ((RetryRule.After) rule).delay();
                bound.raise(a.endedAt().plus(delay), SkipReason.RETRY_DELAY,
                        "cadence waits " + Durations.format(delay) + " after " + outcome + " (" + policy.name() + ")");
            } else if (rule instanceof RetryRule.NextWindow) {
                bound.raise(windows.rangeEnd(zones, a.endedAt()), SkipReason.RETRY_DELAY,
                        "cadence waits for the next calling window after " + outcome + " (" + policy.name() + ")");
            }
        }
        raiseCap(bound, starts, attempts.size(), caps.attemptsPerPhonePerDay(), DAY, SkipReason.PHONE_CAP,
                "attempts to this phone in 24 h");
        raiseCap(bound, starts, attempts.size(), caps.attemptsPerPhonePer7Days(), WEEK, SkipReason.PHONE_CAP,
                "attempts to this phone in 7 days");
    }

    /** Best first by history: right-party conversations, then import priority, then least recently tried. */
    private static List<PhoneFacts> ranked(List<PhoneFacts> phones, Map<Long, List<AttemptFacts>> byPhone) {
        if (phones.size() < 2) {
            return phones;
        }
        var conversations = new HashMap<Long, Integer>();
        var lastTried = new HashMap<Long, Instant>();
        for (var e : byPhone.entrySet()) {
            int n = 0;
            Instant last = Instant.MIN;
            for (AttemptFacts a : e.getValue()) {
                if (a.rightPartyConversation()) n++;
                if (a.startedAt().isAfter(last)) last = a.startedAt();
            }
            conversations.put(e.getKey(), n);
            lastTried.put(e.getKey(), last);
        }
        var sorted = new ArrayList<>(phones);
        sorted.sort(Comparator.<PhoneFacts>comparingInt(p -> -conversations.getOrDefault(p.phoneId(), 0))
                .thenComparingInt(PhoneFacts::priority)
                .thenComparing(p -> lastTried.getOrDefault(p.phoneId(), Instant.MIN))
                .thenComparingLong(PhoneFacts::phoneId));
        return sorted;
    }

    /** The earliest allowed instant for one phone, with its reason. */
    private static final class Outcome {
        Instant at;
        SkipReason reason;
        String detail;
    }

    private Outcome earliest(List<AccountFacts> accounts, List<ZoneCandidate> zones, Bound bound, Instant now) {
        Cadence cadence = policy.cadence();
        var out = new Outcome();
        boolean anyOpen = false;
        boolean windowNeverOpens = false;
        for (AccountFacts account : accounts) {
            if (account.status() != AccountStatus.OPEN) {
                continue;
            }
            anyOpen = true;
            Bound start = new Bound(bound);
            start.raise(startOfDayInAll(account.dueDate().plusDays(cadence.firstCallAfterDueDays()), zones),
                    SkipReason.TOO_SOON_AFTER_DUE, "first call " + cadence.firstCallAfterDueDays()
                            + " days after the due date (" + policy.name() + ")");
            if (account.promiseUntil() != null) {
                start.raise(startOfDayInAll(account.promiseUntil().plusDays(1), zones), SkipReason.PROMISE_PENDING,
                        "promise to pay until " + account.promiseUntil());
            }
            Instant limit = now.plus(HORIZON);
            boolean handOffFirst = false;
            if (cadence.handOffAfterDaysOverdue() > 0) {
                Instant end = endOfDayInAll(account.dueDate().plusDays(cadence.handOffAfterDaysOverdue()), zones);
                handOffFirst = end.isBefore(limit);
                limit = handOffFirst ? end : limit;
            }
            if (!start.at.isBefore(limit)) {
                continue;
            }
            Instant t = windows.nextOpenForAll(zones, start.at, limit);
            if (t == null) {
                windowNeverOpens |= !handOffFirst;
                continue;
            }
            if (out.at == null || t.isBefore(out.at)) {
                out.at = t;
                if (t.equals(start.at)) {
                    out.reason = start.reason;
                    out.detail = start.detail;
                } else if (start.at.isAfter(now)) {
                    // A rule keeps the debtor from being called now; the window only sets the hour.
                    explainWindow(out, zones, start.at);
                    out.detail = start.detail + "; then " + out.detail;
                    out.reason = start.reason;
                } else {
                    explainWindow(out, zones, start.at);
                }
            }
        }
        if (out.at == null) {
            if (windowNeverOpens) {
                out.reason = SkipReason.NO_COMMON_WINDOW;
                out.detail = "the calling windows of " + zoneIds(zones) + " do not overlap within "
                        + HORIZON.toDays() + " days";
            } else if (anyOpen) {
                out.reason = SkipReason.NEXT_STAGE;
                out.detail = "no callable time before the debt is more than " + cadence.handOffAfterDaysOverdue()
                        + " days overdue or within " + HORIZON.toDays() + " days; next stage: " + cadence.nextStage();
            } else {
                out.reason = SkipReason.NO_OPEN_DEBT;
                out.detail = "no open debt (paid, in agreement, written off or disputed)";
            }
        }
        return out;
    }

    private void explainWindow(Outcome out, List<ZoneCandidate> zones, Instant at) {
        for (ZoneCandidate c : zones) {
            int state = windows.state(c, at);
            LocalDate date = LocalDate.ofInstant(at, c.zone());
            if (state == WindowSearch.HOLIDAY) {
                out.reason = SkipReason.HOLIDAY;
                out.detail = "holiday " + date + " in " + c.zone() + ": " + policy.holidays().holiday(date, c.region())
                        + " (" + policy.name() + ")";
                return;
            }
            if (state == WindowSearch.OUTSIDE) {
                out.reason = SkipReason.OUTSIDE_WINDOW;
                out.detail = "outside calling window (" + policy.name() + ": " + policy.window().describe(date.getDayOfWeek())
                        + (zones.size() > 1 ? " in every zone of " + zoneIds(zones) : "") + ")";
                return;
            }
        }
        throw new IllegalStateException("window closed at " + at + " but open in every zone of " + zones);
    }

    /** The first instant at which the local date is at least {@code date} in every zone. */
    private static Instant startOfDayInAll(LocalDate date, List<ZoneCandidate> zones) {
        Instant latest = Instant.MIN;
        for (ZoneCandidate c : zones) {
            Instant start = date.atStartOfDay(c.zone()).toInstant();
            if (start.isAfter(latest)) latest = start;
        }
        return latest;
    }

    /** The first instant at which the local date is after {@code date} in some zone. */
    private static Instant endOfDayInAll(LocalDate date, List<ZoneCandidate> zones) {
        Instant earliest = Instant.MAX;
        for (ZoneCandidate c : zones) {
            Instant end = date.plusDays(1).atStartOfDay(c.zone()).toInstant();
            if (end.isBefore(earliest)) earliest = end;
        }
        return earliest;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ComplianceEngine[policy=%s]", policy.name());
    }
}
