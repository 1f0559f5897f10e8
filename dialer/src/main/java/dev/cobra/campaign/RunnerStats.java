package dev.cobra.campaign;

import dev.cobra.calls.CallOutcome;
import dev.cobra.compliance.SkipReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one runner, read by the progress line and the metrics adapter. Written only by the
 * runner's thread; read with {@link #snapshot()} from others.
 */
public final class RunnerStats {
    private final EnumMap<CallOutcome, Long> outcomes = new EnumMap<>(CallOutcome.class);
    private final EnumMap<SkipReason, Long> skips = new EnumMap<>(SkipReason.class);
    private long placed;
    private long claimed;
    private long leasesLost;
    private long pausedTicks;

    /** An immutable copy. */
    public record Snapshot(long placed, long claimed, long leasesLost, long pausedTicks, Map<CallOutcome, Long> outcomes,
                           Map<SkipReason, Long> skips) {
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

    synchronized void ended(CallOutcome outcome) {
        outcomes.merge(outcome, 1L, Long::sum);
    }

    synchronized void leaseLost() {
        leasesLost++;
    }

    synchronized void paused() {
        pausedTicks++;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(placed, claimed, leasesLost, pausedTicks, Map.copyOf(outcomes), Map.copyOf(skips));
    }
}
