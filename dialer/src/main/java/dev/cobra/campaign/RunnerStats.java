package dev.cobra.campaign;

import dev.cobra.calls.CallOutcome;
import dev.cobra.compliance.SkipReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one runner, read by the progress line and the metrics adapter. Written only by the
 * runner's thread; read with {@link #snapshot()} from others.
 *
 * <p>Besides counters it keeps the last pacing decision (calls placed, agents ready) and the abandon ratio the
 * runner last read from its desk: gauges sampled on the runner's thread, so a scrape never touches the
 * single-threaded pacing state.
 */
public final class RunnerStats {
    /**
     * Anatel's short call: ring plus talk time at most 6 s, answered or not (the {@code shortCallMax} of the BR preset,
     * see {@link dev.cobra.compliance.ShortCallRule}); counted here for watching, the rule itself reads the preset.
     */
    public static final Duration ANATEL_SHORT_CALL_MAX = Duration.ofSeconds(6);

    private final Duration shortCallMax;
    private final EnumMap<CallOutcome, Long> outcomes = new EnumMap<>(CallOutcome.class);
    private final EnumMap<SkipReason, Long> skips = new EnumMap<>(SkipReason.class);
    private long placed;
    private long claimed;
    private long leasesLost;
    private long pausedTicks;
    private long shortCalls;
    private long pacedCalls;
    private long pacedReadyAgents;
    private int lastPacedCalls;
    private int lastReadyAgents;
    private double abandonRatio;

    public RunnerStats() {
        this(ANATEL_SHORT_CALL_MAX);
    }

    /** @param shortCallMax a call whose ring and talk time is at most this counts as short */
    public RunnerStats(Duration shortCallMax) {
        if (shortCallMax.isNegative()) {
            throw new IllegalArgumentException("shortCallMax: " + shortCallMax + " (expected: >= 0)");
        }
        this.shortCallMax = shortCallMax;
    }

    /**
     * An immutable copy.
     *
     * @param shortCalls       calls ended whose ring and talk time was at most the short-call limit
     * @param pacedCalls       calls placed at pacing decisions that saw agents (agent campaigns), summed
     * @param pacedReadyAgents agents ready at those decisions, summed: {@code pacedCalls / pacedReadyAgents} is the
     *                         dial ratio over any span
     * @param dialRatio        calls placed / agents ready at the last decision; NaN before one, or when none was ready
     * @param abandonRatio     abandoned / live answered over the regulator's window, as last read; 0 without agents
     */
    public record Snapshot(long placed, long claimed, long leasesLost, long pausedTicks, Map<CallOutcome, Long> outcomes,
                           Map<SkipReason, Long> skips, long shortCalls, long pacedCalls, long pacedReadyAgents, double dialRatio,
                           double abandonRatio) {
        public long outcome(CallOutcome o) {
            return outcomes.getOrDefault(o, 0L);
        }

        public long ended() {
            return outcomes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    synchronized void placed() {
        placed++;
    }

    synchronized void claimed(int n) {
        claimed += n;
    }

    synchronized void skipped(SkipReason reason) {
        skips.merge(reason, 1L, Long::sum);
    }

    /** A call ended after {@code ringAndTalk} (from the originate to the end). */
    synchronized void ended(CallOutcome outcome, Duration ringAndTalk) {
        outcomes.merge(outcome, 1L, Long::sum);
        if (ringAndTalk.compareTo(shortCallMax) <= 0) {
            shortCalls++;
        }
    }

    synchronized void leaseLost() {
        leasesLost++;
    }

    synchronized void paused() {
        pausedTicks++;
    }

    /** A pacing decision of an agent campaign: {@code calls} placed while {@code readyAgents} were ready. */
    synchronized void paced(int calls, int readyAgents) {
        pacedCalls += calls;
        pacedReadyAgents += readyAgents;
        lastPacedCalls = calls;
        lastReadyAgents = readyAgents;
    }

    synchronized void abandonRatio(double ratio) {
        abandonRatio = ratio;
    }

    public synchronized Snapshot snapshot() {
        double dialRatio = lastReadyAgents == 0 ? Double.NaN : (double) lastPacedCalls / lastReadyAgents;
        return new Snapshot(placed, claimed, leasesLost, pausedTicks, Map.copyOf(outcomes), Map.copyOf(skips), shortCalls, pacedCalls,
                pacedReadyAgents, dialRatio, abandonRatio);
    }
}
