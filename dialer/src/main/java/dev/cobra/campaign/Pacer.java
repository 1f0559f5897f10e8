package dev.cobra.campaign;

/**
 * How many new calls to place now. The pacing package provides the real modes (preview, progressive,
 * power, predictive); {@link #fixed} keeps a fixed number of calls in flight (IVR-only campaigns).
 */
@FunctionalInterface
public interface Pacer {
    /** @param inFlight calls placed and not yet ended */
    int callsToPlace(int inFlight);

    /** Keeps up to {@code maxInFlight} calls in flight. */
    static Pacer fixed(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
        }
        return inFlight -> Math.max(0, maxInFlight - inFlight);
    }
}
