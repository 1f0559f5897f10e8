package dev.cobra.simulate;

/**
 * What one policy achieved over one simulated shift. Times are summed over agents, in ms, within the shift.
 *
 * @param worstHourAbandonRate the highest abandon rate over any rolling hour (windows ending on each minute from the
 *                             first hour on; 0 when the shift is shorter than an hour)
 * @param maxAbandonDelayMs    the longest a live call waited before the information message (must be <= the limit)
 */
public record ShiftResult(String strategy, int agents, double liveRate, long seed, long loggedInMs, long talkMs, long wrapUpMs,
                          long idleMs, long placed, long liveAnswers, long abandoned, long contacts, double worstHourAbandonRate,
                          long maxAbandonDelayMs) {
    public double talkShare() {
        return (double) talkMs / loggedInMs;
    }

    public double occupancy() {
        return (double) (talkMs + wrapUpMs) / loggedInMs;
    }

    public double idleShare() {
        return (double) idleMs / loggedInMs;
    }

    public double abandonRate() {
        return liveAnswers == 0 ? 0 : (double) abandoned / liveAnswers;
    }

    public double contactsPerAgentHour() {
        return contacts / (loggedInMs / 3_600_000.0);
    }
}
