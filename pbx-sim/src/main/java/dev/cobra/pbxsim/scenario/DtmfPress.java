package dev.cobra.pbxsim.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * Digits a simulated debtor sends, as one {@code SendDTMF(digits)} step.
 *
 * @param afterAnswer when, counted from the answer
 * @param digits      0-9, *, #, A-D
 */
public record DtmfPress(Duration afterAnswer, String digits) {
    public DtmfPress {
        Objects.requireNonNull(afterAnswer, "afterAnswer");
        if (afterAnswer.isNegative()) {
            throw new IllegalArgumentException("afterAnswer: " + afterAnswer + " (expected: >= 0)");
        }
        if (digits == null || !digits.matches("[0-9*#A-D]+")) {
            throw new IllegalArgumentException("digits: '" + digits + "' (expected: one or more of 0-9*#A-D)");
        }
    }
}
