package dev.cobra.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Set;

/**
 * A campaign as stored: its numeric id, operator-facing code, name, compliance preset, status and how it dials.
 *
 * @param status {@code draft}, {@code running}, {@code paused} or {@code stopped}; dialer nodes run the running ones
 */
public record Campaign(long id, String code, String name, String preset, String status, Dialing dialing) {
    public static final Set<String> STATUSES = Set.of("draft", "running", "paused", "stopped");

    public Campaign {
        Objects.requireNonNull(dialing, "dialing");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status: '" + status + "' (expected one of " + STATUSES + ")");
        }
    }

    /**
     * How a campaign dials (the columns of V4__campaign_dialing.sql).
     *
     * @param mode               {@code ivr} (answered calls go to the IVR flow) or an agent pacing mode:
     *                           {@code preview}, {@code progressive}, {@code power}, {@code predictive}
     * @param ivrFlow            the IVR flow's name
     * @param maxLines           concurrent calls the campaign may hold (1..1000)
     * @param powerRatio         power mode: calls per ready agent (1.0..5.0)
     * @param abandonTarget      predictive: the abandon ratio to stay under (0..0.03; the preset's limit still applies)
     * @param ringTimeoutSeconds how long a call may ring (15..60)
     * @param recordCalls        record answered calls and play the notice
     * @param callerId           the number presented to debtors, E.164, or null for the trunk's default
     */
    public record Dialing(String mode, String ivrFlow, int maxLines, BigDecimal powerRatio, BigDecimal abandonTarget,
                          int ringTimeoutSeconds, boolean recordCalls, String callerId) {
        public static final Set<String> MODES = Set.of("ivr", "preview", "progressive", "power", "predictive");
        private static final BigDecimal MAX_ABANDON = new BigDecimal("0.03");

        public Dialing {
            if (!MODES.contains(mode)) {
                throw new IllegalArgumentException("mode: '" + mode + "' (expected one of " + MODES + ")");
            }
            if (ivrFlow == null || !ivrFlow.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw new IllegalArgumentException("ivrFlow: '" + ivrFlow + "' (expected: 1-64 of a-z, 0-9, '_', '-')");
            }
            if (maxLines < 1 || maxLines > 1000) {
                throw new IllegalArgumentException("maxLines: " + maxLines + " (expected: 1..1000)");
            }
            powerRatio = powerRatio.setScale(2, RoundingMode.HALF_UP); // the columns' scales, so equal means equal
            abandonTarget = abandonTarget.setScale(4, RoundingMode.HALF_UP);
            if (powerRatio.compareTo(BigDecimal.ONE) < 0 || powerRatio.compareTo(BigDecimal.valueOf(5)) > 0) {
                throw new IllegalArgumentException("powerRatio: " + powerRatio + " (expected: 1.0..5.0)");
            }
            if (abandonTarget.signum() < 0 || abandonTarget.compareTo(MAX_ABANDON) > 0) {
                throw new IllegalArgumentException("abandonTarget: " + abandonTarget + " (expected: 0..0.03)");
            }
            if (ringTimeoutSeconds < 15 || ringTimeoutSeconds > 60) {
                throw new IllegalArgumentException("ringTimeoutSeconds: " + ringTimeoutSeconds + " (expected: 15..60)");
            }
            if (callerId != null && !callerId.matches("\\+[1-9][0-9]{6,14}")) {
                throw new IllegalArgumentException("callerId: '" + callerId + "' (expected: E.164, e.g. +551140042000)");
            }
        }

        /** The column defaults: an IVR campaign with the shipped flow, 10 lines, 25 s ring, no recording. */
        public static Dialing defaults() {
            return new Dialing("ivr", "collection", 10, new BigDecimal("1.50"), MAX_ABANDON, 25, false, null);
        }

        /** True when answered calls go to agents rather than to the IVR. */
        public boolean agents() {
            return !mode.equals("ivr");
        }
    }
}
