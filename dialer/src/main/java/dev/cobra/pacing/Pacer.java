package dev.cobra.pacing;

/**
 * Decides how many calls to place now. The campaign runner calls it on its tick (every second or faster) with a
 * snapshot of agents and calls, places that many calls (fewer if it has fewer due accounts), and calls it again
 * next tick: decisions are not cumulative, each one sees the calls the previous ones placed in
 * {@link PacingInput#ringElapsedMs()}.
 *
 * <p>Implementations are pure functions of the input and of what they were fed (history, abandon counts); they own
 * no thread and read no clock of their own.
 */
public interface Pacer {
    /** How many new calls to place now (0 or more). */
    int callsToPlace(PacingInput in);

    /**
     * Preview: the agent dials (or skips) each debtor from the screen, so the pacer places nothing by itself; the
     * campaign runner reserves one debtor per ready agent instead ({@code campaign.PreviewDesk}).
     */
    static Pacer preview() {
        return in -> 0;
    }

    /** Progressive: one call per ready agent, counting calls already ringing or waiting for an agent. */
    static Pacer progressive() {
        return PacingInput::uncoveredReadyAgents;
    }

    /**
     * Power: keep {@code ratio} calls in flight per ready agent: {@code floor(ratio * ready) - ringing - waiting}.
     *
     * @param ratio calls per ready agent, 1.0 (progressive) to 5.0
     */
    static Pacer power(double ratio) {
        if (!(ratio >= 1.0 && ratio <= 5.0)) {
            throw new IllegalArgumentException("ratio: " + ratio + " (expected: 1.0..5.0)");
        }
        return in -> Math.max(0, (int) Math.floor(ratio * in.readyAgents()) - in.ringingCalls() - in.waitingCalls());
    }
}
