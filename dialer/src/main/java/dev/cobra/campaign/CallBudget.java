package dev.cobra.campaign;

/**
 * How many new calls the runner may place now, given the calls in flight. {@link #fixed} keeps a fixed number
 * of calls in flight, which is what an IVR-only campaign needs. Campaigns with agents will take the number from
 * {@link dev.cobra.pacing.Pacer} (progressive, power, predictive), which also sees the agents.
 */
@FunctionalInterface
public interface CallBudget {
    /** @param inFlight calls placed and not yet ended */
    int callsToPlace(int inFlight);

    /** Keeps up to {@code maxInFlight} calls in flight. */
    static CallBudget fixed(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
        }
        return inFlight -> Math.max(0, maxInFlight - inFlight);
    }
}
