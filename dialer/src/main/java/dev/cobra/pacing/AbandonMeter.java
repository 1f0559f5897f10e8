package dev.cobra.pacing;

import java.time.Duration;
import java.time.Instant;

/**
 * The abandon rate as regulators count it: abandoned live calls / live answered calls, for one campaign, over a
 * rolling window (Ofcom: 24 hours; FCC 47 CFR 64.1200(a)(7): 30 days per campaign; the preset says which). A live
 * answered call is one a person answered, whether an agent took it or it was abandoned; an AMD false positive (a
 * person hung up on as a machine) counts as both live and abandoned when {@code countAmdFalsePositives} is set.
 *
 * <p>Counts are kept in {@code window / bucket} time buckets (e.g. 1440 one-minute buckets for 24 h), so memory is
 * bounded and the window edge is exact to one bucket. Times must not go backwards by more than a bucket.
 *
 * <p>Not thread-safe: owned by the campaign's loop.
 */
public final class AbandonMeter {
    private final long bucketMs;
    private final long[] live;
    private final long[] abandoned;
    private final boolean countAmdFalsePositives;
    private long headBucket = Long.MIN_VALUE;
    private long liveSum;
    private long abandonedSum;

    /**
     * @param window                 the regulator's window (e.g. 24 h, 30 days)
     * @param buckets                how many buckets the window is split into (e.g. 1440)
     * @param countAmdFalsePositives whether a person hung up on as a machine counts as abandoned
     */
    public AbandonMeter(Duration window, int buckets, boolean countAmdFalsePositives) {
        if (buckets < 1 || buckets > 100_000 || window.toMillis() < buckets) {
            throw new IllegalArgumentException("buckets: " + buckets + " for window " + window + " (expected: 1..100000, >= 1 ms each)");
        }
        this.bucketMs = window.toMillis() / buckets;
        this.live = new long[buckets];
        this.abandoned = new long[buckets];
        this.countAmdFalsePositives = countAmdFalsePositives;
    }

    /** A 24-hour window of one-minute buckets (UK). */
    public static AbandonMeter rolling24Hours(boolean countAmdFalsePositives) {
        return new AbandonMeter(Duration.ofHours(24), 1440, countAmdFalsePositives);
    }

    /** A person answered (call it whether or not an agent then took the call). */
    public void recordLive(Instant at) {
        live[slot(at)]++;
        liveSum++;
    }

    /**
     * Adds counts measured before this meter existed (a node restart must not forget the window's abandons), oldest
     * first; like live counts, they leave the window as time passes.
     */
    public void add(Instant at, long liveCalls, long abandonedCalls) {
        if (liveCalls < 0 || abandonedCalls < 0 || abandonedCalls > liveCalls) {
            throw new IllegalArgumentException("counts: " + liveCalls + " live, " + abandonedCalls + " abandoned (expected: 0 <= abandoned <= live)");
        }
        int s = slot(at);
        live[s] += liveCalls;
        abandoned[s] += abandonedCalls;
        liveSum += liveCalls;
        abandonedSum += abandonedCalls;
    }

    /** A live call got the information message and no agent: abandoned. */
    public void recordAbandoned(Instant at) {
        abandoned[slot(at)]++;
        abandonedSum++;
    }

    /** AMD called a person a machine and the call was dropped; counted as live and abandoned only if configured. */
    public void recordAmdFalsePositive(Instant at) {
        if (countAmdFalsePositives) {
            recordLive(at);
            recordAbandoned(at);
        }
    }

    /** Live answered calls in the window ending at {@code now}. */
    public long live(Instant now) {
        advance(now);
        return liveSum;
    }

    /** Abandoned calls in the window ending at {@code now}. */
    public long abandoned(Instant now) {
        advance(now);
        return abandonedSum;
    }

    /** Abandoned / live over the window ending at {@code now}; 0 when nobody answered. */
    public double rate(Instant now) {
        advance(now);
        return liveSum == 0 ? 0 : (double) abandonedSum / liveSum;
    }

    private int slot(Instant at) {
        advance(at);
        long b = Math.floorDiv(at.toEpochMilli(), bucketMs);
        return (int) Math.floorMod(Math.max(b, headBucket - live.length + 1), (long) live.length);
    }

    private void advance(Instant now) {
        long b = Math.floorDiv(now.toEpochMilli(), bucketMs);
        if (headBucket == Long.MIN_VALUE) {
            headBucket = b;
            return;
        }
        if (b <= headBucket) {
            return;
        }
        long steps = Math.min(b - headBucket, live.length);
        for (long i = 1; i <= steps; i++) {
            int s = (int) Math.floorMod(headBucket + i, (long) live.length);
            liveSum -= live[s];
            abandonedSum -= abandoned[s];
            live[s] = 0;
            abandoned[s] = 0;
        }
        headBucket = b;
    }
}
