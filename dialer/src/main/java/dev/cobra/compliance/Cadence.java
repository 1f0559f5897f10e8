package dev.cobra.compliance;

import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The collection cadence (the "régua"): when the first call may happen, how long to wait after
 * each outcome and disposition, and when to give up and hand the debt to the next stage.
 * Outcome delays apply to the phone dialed (rotation may try another phone sooner); disposition
 * delays apply to the debtor. Wrong party always suppresses the phone and do-not-call the
 * debtor; those are not configurable.
 *
 * @param firstCallAfterDueDays no call before this many days after the due date (local)
 * @param handOffAfterDaysOverdue a debt more than this many days overdue is not called any more
 *     and goes to {@code nextStage}; 0 for never
 * @param nextStage what happens after the cadence gives up, e.g. "outside-agency" (free text
 *     for the operator and the explanation)
 * @param retryAfterOutcome per outcome; missing outcomes have no delay of their own
 * @param retryAfterDisposition per disposition; missing dispositions have no delay of their own
 */
public record Cadence(
        int firstCallAfterDueDays,
        int handOffAfterDaysOverdue,
        String nextStage,
        Map<CallOutcome, RetryRule> retryAfterOutcome,
        Map<Disposition, RetryRule> retryAfterDisposition) {
    public Cadence {
        if (firstCallAfterDueDays < 0) {
            throw new IllegalArgumentException("firstCallAfterDueDays: " + firstCallAfterDueDays + " (expected: >= 0)");
        }
        if (handOffAfterDaysOverdue < 0) {
            throw new IllegalArgumentException("handOffAfterDaysOverdue: " + handOffAfterDaysOverdue + " (expected: >= 0)");
        }
        Objects.requireNonNull(nextStage, "nextStage");
        retryAfterOutcome = retryAfterOutcome.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(retryAfterOutcome));
        retryAfterDisposition = retryAfterDisposition.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(retryAfterDisposition));
        for (var e : retryAfterDisposition.entrySet()) {
            if (e.getValue() instanceof RetryRule.NextWindow) {
                throw new IllegalArgumentException("retryAfterDisposition." + e.getKey() + ": next-window (expected: a duration)");
            }
        }
    }

    /** The fields where {@code other} is looser than this (names as in the preset files). */
    public List<String> loosenedBy(Cadence other) {
        var out = new ArrayList<String>();
        if (other.firstCallAfterDueDays < firstCallAfterDueDays) out.add("cadence.firstCallAfterDueDays");
        if (handOffAfterDaysOverdue != 0
                && (other.handOffAfterDaysOverdue == 0 || other.handOffAfterDaysOverdue > handOffAfterDaysOverdue)) {
            out.add("cadence.handOffAfterDaysOverdue");
        }
        retryAfterOutcome.forEach((k, ours) -> {
            RetryRule theirs = other.retryAfterOutcome.get(k);
            if (theirs == null || !ours.noLongerThan(theirs)) out.add("cadence.retryAfterOutcome." + k);
        });
        retryAfterDisposition.forEach((k, ours) -> {
            RetryRule theirs = other.retryAfterDisposition.get(k);
            if (theirs == null || !ours.noLongerThan(theirs)) out.add("cadence.retryAfterDisposition." + k);
        });
        return out;
    }
}
