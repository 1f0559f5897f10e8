package dev.cobra.compliance;

import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

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
    /** The cadence's rules by enum ordinal: looked up for every attempt of every decision. */
    private final RetryRule[] afterOutcome = new RetryRule[CallOutcome.values().length];
    private final RetryRule[] afterDisposition = new RetryRule[Disposition.values().length];

    public ComplianceEngine(Policy policy, DoNotCallList doNotCall) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.doNotCall = Objects.requireNonNull(doNotCall, "doNotCall");
        this.windows = new WindowSearch(policy.window(), policy.holidays());
        policy.cadence().retryAfterOutcome().forEach((k, v) -> afterOutcome[k.ordinal()] = v);
        policy.cadence().retryAfterDisposition().forEach((k, v) -> afterDisposition[k.ordinal()] = v);
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
        Supplier<String> detail = () -> "";

        Bound(Instant at) {
            this.at = at;
        }

        Bound(Bound other) {
            this.at = other.at;
            this.reason = other.reason;
            this.detail = other.detail;
        }

        void raise(Instant candidate, SkipReason why, Supplier<String> text) {
            if (candidate != null && candidate.isAfter(at)) {
                at = candidate;
                reason = why;
                detail = text;
            }
        }
    }

    /**
     * The text of {@code cobra why DEBTOR}: why the debtor is or is not called at {@code now} and
     * when it will be, e.g. "next call 2026-11-25 08:00 America/Manaus on phone #2: outside calling
     * window (BR: Sat 08–14)". No personal data.
     */
    public String why(DebtorFacts debtor, Instant now) {
        return decide(debtor, now).explain();
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
            applyDisposition(debtorBound, a);
        }
        sort(starts, starts.length);
        sort(conversations, conversationCount);
        raiseCap(debtorBound, starts, history.size(), caps.attemptsPerDebtorPerDay(), DAY, SkipReason.DAILY_CAP,
                "attempts to the debtor in 24 h");
        raiseCap(debtorBound, starts, history.size(), caps.attemptsPerDebtorPer7Days(), WEEK, SkipReason.WEEKLY_CAP,
                "attempts to the debtor in 7 days");
        raiseCap(debtorBound, conversations, conversationCount, caps.conversationsPer7Days(), WEEK,
                SkipReason.CONVERSATION_CAP, "conversations in 7 days");
        if (lastConversationEnd != null && !caps.gapAfterConversation().isZero()) {
            debtorBound.raise(lastConversationEnd.plus(caps.gapAfterConversation()), SkipReason.CONVERSATION_GAP,
                    () -> "talked to the debtor; no call for " + Durations.format(caps.gapAfterConversation()) + " after a conversation");
        }
        if (lastEnd != null && !caps.minGapBetweenAttempts().isZero()) {
            debtorBound.raise(lastEnd.plus(caps.minGapBetweenAttempts()), SkipReason.RETRY_DELAY,
                    () -> Durations.format(caps.minGapBetweenAttempts()) + " between attempts to one debtor");
        }

        List<PhoneFacts> phones = ranked(debtor.phones(), history);
        Outcome best = null;
        PhoneFacts bestPhone = null;
        List<ZoneCandidate> bestZones = List.of();
        Outcome firstNever = null;
        List<ZoneCandidate> neverZones = List.of();
        for (PhoneFacts phone : phones) {
            if (suppressed(phone, history)) {
                continue;
            }
            List<ZoneCandidate> zones = candidates(debtor, phone);
            Bound bound = new Bound(debtorBound);
            raisePhone(bound, phone.phoneId(), history, zones);
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
            return new Decision(now, false, bestPhone, best.reason, best.at, zoneIds(bestZones), best.detail.get());
        }
        if (firstNever != null) {
            return never(now, firstNever.reason, null, zoneIds(neverZones), firstNever.detail.get());
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
            bound.raise(a.callbackAt(), SkipReason.CALLBACK_SCHEDULED, () -> "the debtor asked to be called back then");
            return;
        }
        RetryRule rule = afterDisposition[d.ordinal()];
        if (rule instanceof RetryRule.After) {
            Duration delay = ((RetryRule.After) rule).delay();
            SkipReason why = d == Disposition.PROMISE_TO_PAY ? SkipReason.PROMISE_PENDING : SkipReason.RETRY_DELAY;
            bound.raise(a.endedAt().plus(delay), why,
                    () -> "cadence waits " + Durations.format(delay) + " after " + words(d.code())
                            + " (" + policy.name() + ")");
        }
    }

    /**
     * Rolling cap: at most {@code cap} events with start in (t - window, t]. With the first
     * {@code count} starts sorted ascending, the cap is satisfied from the cap-th newest start
     * plus the window.
     */
    private static void raiseCap(Bound bound, long[] sortedStartSeconds, int count, int cap, Duration window,
                                 SkipReason why, String what) {
        if (count < cap) {
            return;
        }
        Instant clears = Instant.ofEpochSecond(sortedStartSeconds[count - cap]).plus(window);
        bound.raise(clears, why, () -> cap + " " + what + " reached");
    }

    /** Insertion sort: histories are short and this runs on every dial. */
    private static void sort(long[] values, int count) {
        if (count > 32) {
            Arrays.sort(values, 0, count);
            return;
        }
        for (int i = 1; i < count; i++) {
            long v = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] > v) {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = v;
        }
    }

    private boolean suppressed(PhoneFacts phone, List<AttemptFacts> history) {
        if (phone.status() != PhoneStatus.VALID || doNotCall.blocksNumber(phone.e164())) {
            return true;
        }
        for (int i = 0; i < history.size(); i++) {
            AttemptFacts a = history.get(i);
            if (a.phoneId() == phone.phoneId() && a.disposition() == Disposition.WRONG_PARTY) {
                return true;
            }
        }
        return false;
    }

    /** Phone-level rules from the attempts on {@code phoneId}: outcome delays, abandoned gap, caps. */
    private void raisePhone(Bound bound, long phoneId, List<AttemptFacts> history, List<ZoneCandidate> zones) {
        Caps caps = policy.caps();
        long[] starts = new long[history.size()];
        int count = 0;
        for (int i = 0; i < history.size(); i++) {
            AttemptFacts a = history.get(i);
            if (a.phoneId() != phoneId) {
                continue;
            }
            starts[count++] = a.startedAt().getEpochSecond();
            if (a.outcome() == CallOutcome.ABANDONED && !caps.gapAfterAbandoned().isZero()) {
                bound.raise(a.endedAt().plus(caps.gapAfterAbandoned()), SkipReason.ABANDONED_GAP,
                        () -> "no redial within " + Durations.format(caps.gapAfterAbandoned()) + " of an abandoned call ("
                                + policy.name() + ")");
            }
            RetryRule rule = afterOutcome[a.outcome().ordinal()];
            CallOutcome outcome = a.outcome();
            if (rule instanceof RetryRule.After) {
                Duration delay = ((RetryRule.After) rule).delay();
                bound.raise(a.endedAt().plus(delay), SkipReason.RETRY_DELAY,
                        () -> "cadence waits " + Durations.format(delay) + " after " + words(outcome.code()) + " (" + policy.name() + ")");
            } else if (rule instanceof RetryRule.NextWindow) {
                bound.raise(windows.rangeEnd(zones, a.endedAt()), SkipReason.RETRY_DELAY,
                        () -> "cadence waits for the next calling window after " + words(outcome.code()) + " (" + policy.name() + ")");
            }
        }
        sort(starts, count);
        raiseCap(bound, starts, count, caps.attemptsPerPhonePerDay(), DAY, SkipReason.PHONE_CAP,
                "attempts to this phone in 24 h");
        raiseCap(bound, starts, count, caps.attemptsPerPhonePer7Days(), WEEK, SkipReason.PHONE_CAP,
                "attempts to this phone in 7 days");
    }

    /** Best first by history: right-party conversations, then import priority, then least recently tried. */
    private static List<PhoneFacts> ranked(List<PhoneFacts> phones, List<AttemptFacts> history) {
        int n = phones.size();
        if (n < 2) {
            return phones;
        }
        var ranks = new Rank[n];
        for (int i = 0; i < n; i++) {
            PhoneFacts p = phones.get(i);
            int conversations = 0;
            long lastTried = Long.MIN_VALUE;
            for (int k = 0; k < history.size(); k++) {
                AttemptFacts a = history.get(k);
                if (a.phoneId() != p.phoneId()) continue;
                if (a.rightPartyConversation()) conversations++;
                lastTried = Math.max(lastTried, a.startedAt().getEpochSecond());
            }
            ranks[i] = new Rank(p, conversations, lastTried);
        }
        Arrays.sort(ranks, RANK_ORDER);
        var out = new ArrayList<PhoneFacts>(n);
        for (Rank r : ranks) {
            out.add(r.phone);
        }
        return out;
    }

    private record Rank(PhoneFacts phone, int conversations, long lastTriedSecond) {}

    private static final Comparator<Rank> RANK_ORDER = Comparator.<Rank>comparingInt(r -> -r.conversations)
            .thenComparingInt(r -> r.phone.priority())
            .thenComparingLong(Rank::lastTriedSecond)
            .thenComparingLong(r -> r.phone.phoneId());

    /** The earliest allowed instant for one phone, with its reason. */
    private static final class Outcome {
        Instant at;
        SkipReason reason;
        Supplier<String> detail;
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
            start.raise(startOfDayInAll(account.dueDate().toEpochDay() + cadence.firstCallAfterDueDays(), zones),
                    SkipReason.TOO_SOON_AFTER_DUE, () -> "first call " + cadence.firstCallAfterDueDays()
                            + " days after the due date (" + policy.name() + ")");
            if (account.promiseUntil() != null) {
                start.raise(startOfDayInAll(account.promiseUntil().toEpochDay() + 1, zones), SkipReason.PROMISE_PENDING,
                        () -> "promise to pay until " + account.promiseUntil());
            }
            Instant limit = now.plus(HORIZON);
            boolean handOffFirst = false;
            if (cadence.handOffAfterDaysOverdue() > 0) {
                Instant end = endOfDayInAll(account.dueDate().toEpochDay() + cadence.handOffAfterDaysOverdue(), zones);
                handOffFirst = end.isBefore(limit);
                limit = handOffFirst ? end : limit;
            }
            if (!start.at.isBefore(limit)) {
                continue;
            }
            Instant t = windows.nextOpenForAll(zones, start.at, limit);
            if (t == null) {
                // Closed until the hand-off: say so, unless the zones' windows never overlap at all.
                windowNeverOpens |= !handOffFirst
                        || windows.nextOpenForAll(zones, start.at, start.at.plus(HORIZON)) == null;
                continue;
            }
            if (out.at == null || t.isBefore(out.at)) {
                out.at = t;
                Instant closedAt = start.at;
                Supplier<String> rule = start.detail;
                if (t.equals(start.at)) {
                    out.reason = start.reason;
                    out.detail = rule;
                } else if (start.at.isAfter(now)) {
                    // A rule keeps the debtor from being called now; the window only sets the hour.
                    out.reason = start.reason;
                    out.detail = () -> rule.get() + "; then " + windowDetail(zones, closedAt);
                } else {
                    out.reason = windowReason(zones, closedAt);
                    out.detail = () -> windowDetail(zones, closedAt);
                }
            }
        }
        if (out.at == null) {
            if (windowNeverOpens) {
                out.reason = SkipReason.NO_COMMON_WINDOW;
                out.detail = () -> "the calling windows of " + zoneIds(zones) + " do not overlap within "
                        + HORIZON.toDays() + " days";
            } else if (anyOpen) {
                out.reason = SkipReason.NEXT_STAGE;
                out.detail = () -> "no callable time before the debt is more than " + cadence.handOffAfterDaysOverdue()
                        + " days overdue or within " + HORIZON.toDays() + " days; next stage: " + cadence.nextStage();
            } else {
                out.reason = SkipReason.NO_OPEN_DEBT;
                out.detail = () -> "no open debt (paid, in agreement, written off or disputed)";
            }
        }
        return out;
    }

    private SkipReason windowReason(List<ZoneCandidate> zones, Instant at) {
        for (ZoneCandidate c : zones) {
            if (windows.state(c, at) == WindowSearch.HOLIDAY) {
                return SkipReason.HOLIDAY;
            }
        }
        return SkipReason.OUTSIDE_WINDOW;
    }

    private String windowDetail(List<ZoneCandidate> zones, Instant at) {
        for (ZoneCandidate c : zones) {
            LocalDate date = LocalDate.ofInstant(at, c.zone());
            if (windows.state(c, at) == WindowSearch.HOLIDAY) {
                return "holiday " + date + " in " + c.zone() + ": " + policy.holidays().holiday(date, c.region())
                        + " (" + policy.name() + ")";
            }
        }
        for (ZoneCandidate c : zones) {
            LocalDate date = LocalDate.ofInstant(at, c.zone());
            if (windows.state(c, at) == WindowSearch.OUTSIDE) {
                return "outside calling window (" + policy.name() + ": " + policy.window().describe(date.getDayOfWeek())
                        + (zones.size() > 1 ? " in every zone of " + zoneIds(zones) : "") + ")";
            }
        }
        throw new IllegalStateException("window closed at " + at + " but open in every zone of " + zones);
    }

    private static String words(String code) {
        return code.replace('_', ' ');
    }

    /** The first instant at which the local date is at least {@code epochDay} in every zone. */
    private static Instant startOfDayInAll(long epochDay, List<ZoneCandidate> zones) {
        long latest = Long.MIN_VALUE;
        for (ZoneCandidate c : zones) {
            latest = Math.max(latest, startOfDay(epochDay, c.zone()));
        }
        return Instant.ofEpochSecond(latest);
    }

    /** The first instant at which the local date is after {@code epochDay} in some zone. */
    private static Instant endOfDayInAll(long epochDay, List<ZoneCandidate> zones) {
        long earliest = Long.MAX_VALUE;
        for (ZoneCandidate c : zones) {
            earliest = Math.min(earliest, startOfDay(epochDay + 1, c.zone()));
        }
        return Instant.ofEpochSecond(earliest);
    }

    /**
     * Epoch second of the start of a local day ({@code LocalDate.atStartOfDay(zone)}): the first
     * instant of that date, after a gap if midnight is skipped. Fast path when no offset change
     * is within two days, which is every day but a few a year.
     */
    static long startOfDay(long epochDay, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        long midnight = epochDay * DailyRange.SECONDS_PER_DAY;
        Instant near = Instant.ofEpochSecond(midnight - 2 * DailyRange.SECONDS_PER_DAY);
        ZoneOffsetTransition transition = rules.nextTransition(near);
        if (transition == null || transition.getInstant().getEpochSecond() > midnight + 2 * DailyRange.SECONDS_PER_DAY) {
            return midnight - rules.getOffset(near).getTotalSeconds();
        }
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toEpochSecond();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ComplianceEngine[policy=%s]", policy.name());
    }
}
