package dev.cobra.campaign;

import dev.cobra.calls.Destination;
import java.time.Duration;
import java.util.Objects;

/**
 * How one campaign dials.
 *
 * @param campaignId   the campaign's id
 * @param callIdPrefix prefix of the call ids this runner makes (node-unique; letters, digits, '-')
 * @param callerId     the number presented to debtors (per campaign, from configuration)
 * @param ringTimeout  how long a call may ring (at least 15 s: US/UK practice, see the compliance presets)
 * @param onAnswer     where answered calls go (IVR, or hold for an agent)
 * @param lease        how long a claim stays exclusive before it must be extended
 * @param recordCalls  record every answered call (São Paulo law 14.953/2013 asks collection calls to be recorded and
 *                     the debtor told; the IVR plays its notice only when this is on)
 */
public record RunnerSettings(long campaignId, String callIdPrefix, String callerId, Duration ringTimeout, Destination onAnswer,
                             Duration lease, boolean recordCalls) {
    /** The channel variable that asks the PBX adapter to record the call and the dialplan to play the notice. */
    public static final String RECORD_VARIABLE = "COBRA_RECORD";

    public RunnerSettings {
        Objects.requireNonNull(onAnswer, "onAnswer");
        if (callIdPrefix == null || !callIdPrefix.matches("[A-Za-z0-9][A-Za-z0-9-]{0,19}")) {
            throw new IllegalArgumentException("callIdPrefix: '" + callIdPrefix + "' (expected: 1-20 letters, digits, '-')");
        }
        if (ringTimeout.compareTo(Duration.ofSeconds(15)) < 0 || ringTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("ringTimeout: " + ringTimeout.toSeconds() + "s (expected: 15..60)");
        }
        if (lease.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("lease: " + lease + " (expected: >= 1 minute)");
        }
    }
}
