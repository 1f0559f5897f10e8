package dev.cobra.pacing;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of {@link PredictivePacer}; the defaults ({@link #defaults}) are what the benchmark ran with.
 *
 * @param maxAbandonRate     the regulator's limit on abandoned / live answered over the window (e.g. 0.03)
 * @param abandonLimit       how long a live call may wait for an agent before the information message (2 s US, UK)
 * @param ringTimeout        the campaign's ring timeout (calls are undecided at most this long, AMD aside)
 * @param expectedWrapUp     the wrap-up an agent does after a call (the pool's timer)
 * @param setpointShare      the abandon rate aimed at, as a share of the limit (e.g. 0.75: aim at 2.25 % for 3 %)
 * @param smallTeam          at or below this many staffed agents, aim lower and cap the over-dial (e.g. 5)
 * @param smallTeamSetpoint  the setpoint share for a small team (e.g. 0.4)
 * @param minResolvedCalls   below this many calls of history, dial progressively (e.g. 100)
 * @param minLiveAnswers     below this many live answers of history, dial progressively (e.g. 20)
 * @param maxCallsPerAgent   cap on calls in flight per staffed agent (trunk protection, e.g. 8)
 */
public record PredictiveSettings(double maxAbandonRate, Duration abandonLimit, Duration ringTimeout, Duration expectedWrapUp,
                                 double setpointShare, int smallTeam, double smallTeamSetpoint, int minResolvedCalls,
                                 int minLiveAnswers, int maxCallsPerAgent) {
    public PredictiveSettings {
        Objects.requireNonNull(abandonLimit, "abandonLimit");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(expectedWrapUp, "expectedWrapUp");
        if (!(maxAbandonRate > 0 && maxAbandonRate < 0.5)) {
            throw new IllegalArgumentException("maxAbandonRate: " + maxAbandonRate + " (expected: > 0 and < 0.5)");
        }
        if (!(setpointShare > 0 && setpointShare <= 1) || !(smallTeamSetpoint > 0 && smallTeamSetpoint <= 1)) {
            throw new IllegalArgumentException("setpointShare: " + setpointShare + ", smallTeamSetpoint: " + smallTeamSetpoint
                    + " (expected: > 0 and <= 1)");
        }
        if (smallTeam < 0 || minResolvedCalls < 0 || minLiveAnswers < 0 || maxCallsPerAgent < 1) {
            throw new IllegalArgumentException("smallTeam: " + smallTeam + ", minResolvedCalls: " + minResolvedCalls
                    + ", minLiveAnswers: " + minLiveAnswers + ", maxCallsPerAgent: " + maxCallsPerAgent + " (expected: >= 0, >= 1 for the cap)");
        }
    }

    /** The benchmark's settings for a limit and ring timeout: 2 s to answer, 20 s wrap-up. */
    public static PredictiveSettings defaults(double maxAbandonRate, Duration ringTimeout) {
        return new PredictiveSettings(maxAbandonRate, Duration.ofSeconds(2), ringTimeout, Duration.ofSeconds(20), 0.85, 5,
                0.4, 300, 30, 8);
    }
}
