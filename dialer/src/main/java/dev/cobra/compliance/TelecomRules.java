package dev.cobra.compliance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rules for the dialing itself, enforced by the pacer and the originate path rather than by
 * {@link ComplianceEngine#decide}: minimum ring time, abandon-rate limit and its window, and
 * Brazil's short-call rule (null where it does not apply).
 *
 * @param minRingTimeout the originate ring timeout must be at least this
 * @param maxAbandonRate abandoned live calls / live answered calls, per campaign, over the window
 * @param abandonRateWindow the window the abandon rate is measured over
 * @param shortCalls Anatel's short-call rule, or null
 */
public record TelecomRules(Duration minRingTimeout, double maxAbandonRate, Duration abandonRateWindow,
                           ShortCallRule shortCalls) {
    public TelecomRules {
        Objects.requireNonNull(minRingTimeout, "minRingTimeout");
        Objects.requireNonNull(abandonRateWindow, "abandonRateWindow");
        if (!(maxAbandonRate >= 0 && maxAbandonRate <= 1)) {
            throw new IllegalArgumentException("maxAbandonRate: " + maxAbandonRate + " (expected: 0..1)");
        }
    }

    /** Problems with a configured ring timeout, empty when it is fine. */
    public List<String> checkRingTimeout(Duration ringTimeout) {
        var out = new ArrayList<String>();
        if (ringTimeout.compareTo(minRingTimeout) < 0) {
            out.add("ringTimeout: " + Durations.format(ringTimeout) + " (expected: >= " + Durations.format(minRingTimeout) + ")");
        }
        return out;
    }

    /** The fields where {@code other} is looser. */
    public List<String> loosenedBy(TelecomRules other) {
        var out = new ArrayList<String>();
        if (other.minRingTimeout.compareTo(minRingTimeout) < 0) out.add("telecom.minRingTimeout");
        if (other.maxAbandonRate > maxAbandonRate) out.add("telecom.maxAbandonRate");
        if (other.abandonRateWindow.compareTo(abandonRateWindow) < 0) out.add("telecom.abandonRateWindow");
        return out;
    }
}
