package dev.cobra.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * Anatel's short-call rule (Brazil): a call lasting at most {@code shortCallMax} (6 s), answered
 * or not (voicemail included), is "short"; a caller placing at least {@code blockAtCallsPerDay}
 * (100,000) calls in a day of which at least {@code blockAtShortShare} (85%) are short has its
 * originating capacity blocked by the operators for 15 days.
 * We throttle earlier, at {@code throttleAtCallsPerDay} and {@code throttleAtShortShare}, per
 * caller ID and per day in {@code dayZone} (Brasília time). Pure: counts in, verdict out.
 *
 * <p>Source: Anatel's medida cautelar against abusive calls (Despacho Decisório, June 2022; 6 s
 * and voicemail from June 2024; extended to 31 May 2026). The thresholds are configuration so
 * counsel can follow changes without a release.
 */
public record ShortCallRule(
        Duration shortCallMax,
        long blockAtCallsPerDay,
        double blockAtShortShare,
        long throttleAtCallsPerDay,
        double throttleAtShortShare,
        ZoneId dayZone) {
    public ShortCallRule {
        Objects.requireNonNull(shortCallMax, "shortCallMax");
        Objects.requireNonNull(dayZone, "dayZone");
        if (throttleAtCallsPerDay > blockAtCallsPerDay) {
            throw new IllegalArgumentException("throttleAtCallsPerDay: " + throttleAtCallsPerDay
                    + " (expected: <= blockAtCallsPerDay " + blockAtCallsPerDay + ")");
        }
        if (!(throttleAtShortShare >= 0 && throttleAtShortShare <= blockAtShortShare && blockAtShortShare <= 1)) {
            throw new IllegalArgumentException("throttleAtShortShare: " + throttleAtShortShare
                    + " (expected: 0 <= throttle <= blockAtShortShare " + blockAtShortShare + " <= 1)");
        }
    }

    /** Counts of one caller ID on one day. */
    public record Day(LocalDate day, String callerId, long calls, long shortCalls) {
        public Day {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(callerId, "callerId");
            if (calls < 0 || shortCalls < 0 || shortCalls > calls) {
                throw new IllegalArgumentException("counts: calls=" + calls + ", shortCalls=" + shortCalls
                        + " (expected: 0 <= shortCalls <= calls)");
            }
        }

        /** Share of short calls, 0 when there were none. */
        public double shortShare() {
            return calls == 0 ? 0 : (double) shortCalls / calls;
        }
    }

    /** Whether one more call may be placed; when throttled, the counts that decided it. */
    public record Verdict(boolean allowed, String detail) {}

    private static final Verdict ALLOWED = new Verdict(true, "within the short-call limits");

    /** True when a call of this ring-and-talk time counts as short; null (never connected) is short. */
    public boolean isShort(Duration ringAndTalk) {
        return ringAndTalk == null || ringAndTalk.compareTo(shortCallMax) <= 0;
    }

    /** The day (in {@link #dayZone()}) an attempt counts for. */
    public LocalDate dayOf(Instant startedAt) {
        return LocalDate.ofInstant(startedAt, dayZone);
    }

    /** The counts after one more finished call; a new day starts from zero. */
    public Day record(Day counts, Instant startedAt, Duration ringAndTalk) {
        LocalDate day = dayOf(startedAt);
        long calls = day.equals(counts.day()) ? counts.calls() : 0;
        long shorts = day.equals(counts.day()) ? counts.shortCalls() : 0;
        return new Day(day, counts.callerId(), calls + 1, shorts + (isShort(ringAndTalk) ? 1 : 0));
    }

    /**
     * May one more call be placed with these counts? Assumes the worst (the next call is short)
     * and throttles while that would put the caller ID over both throttle thresholds; the block
     * needs both the volume and the share, so staying under either keeps it safe.
     */
    public Verdict check(Day counts) {
        long calls = counts.calls() + 1;
        double share = (double) (counts.shortCalls() + 1) / calls;
        boolean throttle = calls > throttleAtCallsPerDay && share > throttleAtShortShare;
        if (!throttle) {
            return ALLOWED;
        }
        String detail = String.format(Locale.ROOT,
                "caller ID %s on %s: %d calls, %.1f%% short (throttle above %d calls and %.0f%% short; Anatel blocks at %d and %.0f%%)",
                counts.callerId(), counts.day(), counts.calls(), 100 * counts.shortShare(),
                throttleAtCallsPerDay, 100 * throttleAtShortShare, blockAtCallsPerDay, 100 * blockAtShortShare);
        return new Verdict(!throttle, detail);
    }
}
