package dev.cobra.pacing;

import java.time.Duration;

/**
 * The measured behaviour of a campaign's recent calls, bounded in memory: for the last {@code maxCalls} calls, how
 * long each took until it was known live (a person answered) or not (busy, no answer, machine, failure); and for the
 * last {@code maxTalks} conversations, how long they lasted. Answer rate, ring-time distribution and talk-time
 * distribution all come from these two histograms, so the predictive model needs no assumed shape.
 *
 * <p>Ring resolution is binned per second up to the ring timeout; talk per {@value #TALK_BIN_MS} ms up to one hour
 * (longer talks fall in the last bin). Oldest samples leave as new ones arrive.
 *
 * <p>Not thread-safe: fed and read by the campaign's loop.
 */
public final class CallHistory {
    static final int RING_BIN_MS = 1000;
    static final int TALK_BIN_MS = 2000;
    private static final int TALK_BINS = 3600_000 / TALK_BIN_MS + 1;

    private final int ringBins;
    private final int[] resolvedRing;
    private final int[] talkRing;
    private int resolvedNext;
    private int resolvedCount;
    private int talkNext;
    private int talkCount;
    private final int[] live;
    private final int[] all;
    private final int[] talks;
    private int liveTotal;
    private final long[] liveCum;
    private final long[] allCum;
    private final long[] talkCum;
    private boolean ringDirty = true;
    private boolean talkDirty = true;

    /**
     * @param ringTimeout the campaign's ring timeout (the longest a call can stay undecided, AMD aside)
     * @param maxCalls    how many recent call resolutions to keep (e.g. 5000)
     * @param maxTalks    how many recent talk times to keep (e.g. 2000)
     */
    public CallHistory(Duration ringTimeout, int maxCalls, int maxTalks) {
        if (maxCalls < 1 || maxTalks < 1) {
            throw new IllegalArgumentException("maxCalls: " + maxCalls + ", maxTalks: " + maxTalks + " (expected: >= 1)");
        }
        ringBins = (int) (ringTimeout.toMillis() / RING_BIN_MS) + 6;
        resolvedRing = new int[maxCalls];
        talkRing = new int[maxTalks];
        live = new int[ringBins];
        all = new int[ringBins];
        talks = new int[TALK_BINS];
        liveCum = new long[ringBins + 1];
        allCum = new long[ringBins + 1];
        talkCum = new long[TALK_BINS + 1];
    }

    /** A call became known live or not, {@code after} it was placed. Call once per call. */
    public void resolved(Duration after, boolean isLive) {
        int bin = (int) Math.min(ringBins - 1, Math.max(0, after.toMillis() / RING_BIN_MS));
        int code = bin * 2 + (isLive ? 1 : 0);
        if (resolvedCount == resolvedRing.length) {
            int old = resolvedRing[resolvedNext];
            all[old / 2]--;
            if (old % 2 == 1) {
                live[old / 2]--;
                liveTotal--;
            }
        } else {
            resolvedCount++;
        }
        resolvedRing[resolvedNext] = code;
        resolvedNext = (resolvedNext + 1) % resolvedRing.length;
        all[bin]++;
        if (isLive) {
            live[bin]++;
            liveTotal++;
        }
        ringDirty = true;
    }

    /** A conversation with an agent ended after {@code talk}. */
    public void talked(Duration talk) {
        int bin = (int) Math.min(TALK_BINS - 1, Math.max(0, talk.toMillis() / TALK_BIN_MS));
        if (talkCount == talkRing.length) {
            talks[talkRing[talkNext]]--;
        } else {
            talkCount++;
        }
        talkRing[talkNext] = bin;
        talkNext = (talkNext + 1) % talkRing.length;
        talks[bin]++;
        talkDirty = true;
    }

    public int resolvedCount() {
        return resolvedCount;
    }

    public int liveCount() {
        return liveTotal;
    }

    public int talkCount() {
        return talkCount;
    }

    /** Live answers per resolved call (0 with no history). */
    public double liveRate() {
        return resolvedCount == 0 ? 0 : (double) liveTotal / resolvedCount;
    }

    /** P(a new call is known live within {@code horizonMs}). */
    public double liveBy(long horizonMs) {
        return liveWithin(0, horizonMs);
    }

    /** P(a call still undecided after {@code elapsedMs} is known live within the next {@code horizonMs}). */
    public double liveWithin(long elapsedMs, long horizonMs) {
        prefixRing();
        double q = conditional(liveCum, allCum, ringBin(elapsedMs), ringBin(elapsedMs + horizonMs));
        return q < 0 ? 0 : q;
    }

    /** P(a talk that has lasted {@code elapsedMs} ends within the next {@code withinMs}); 0 with no history. */
    public double talkEndsWithin(long elapsedMs, long withinMs) {
        prefixTalk();
        double q = conditional(talkCum, talkCum, talkBin(elapsedMs), talkBin(elapsedMs + withinMs));
        // Longer than anything seen: assume it ends as the longest ones did, within the next bin.
        return q >= 0 ? q : withinMs >= TALK_BIN_MS ? 1 : 0;
    }

    /** (events in bins [from, to)) / (samples in bins [from, end)) from prefix sums; -1 when no sample is left. */
    private static double conditional(long[] eventCum, long[] sampleCum, int from, int to) {
        long left = sampleCum[sampleCum.length - 1] - sampleCum[from];
        return left <= 0 ? -1 : (double) (eventCum[to] - eventCum[from]) / left;
    }

    /** Mean talk time in ms (bin midpoints), 0 with no history. */
    public double meanTalkMs() {
        if (talkCount == 0) {
            return 0;
        }
        double sum = 0;
        for (int b = 0; b < TALK_BINS; b++) {
            sum += talks[b] * (b + 0.5) * TALK_BIN_MS;
        }
        return sum / talkCount;
    }

    private int ringBin(long ms) {
        return (int) Math.min(ringBins, ms / RING_BIN_MS);
    }

    private int talkBin(long ms) {
        return (int) Math.min(TALK_BINS, ms / TALK_BIN_MS);
    }

    private void prefixRing() {
        if (ringDirty) {
            for (int b = 0; b < ringBins; b++) {
                liveCum[b + 1] = liveCum[b] + live[b];
                allCum[b + 1] = allCum[b] + all[b];
            }
            ringDirty = false;
        }
    }

    private void prefixTalk() {
        if (talkDirty) {
            for (int b = 0; b < TALK_BINS; b++) {
                talkCum[b + 1] = talkCum[b] + talks[b];
            }
            talkDirty = false;
        }
    }
}
