package dev.cobra.compliance;

import java.time.Duration;
import java.util.Locale;

/** How long the cadence waits after an attempt before the next one. */
public sealed interface RetryRule permits RetryRule.After, RetryRule.NextWindow {

    /** Wait a fixed time after the attempt ended. */
    record After(Duration delay) implements RetryRule {
        public After {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
            }
        }

        @Override
        public String toString() {
            return Durations.format(delay);
        }
    }

    /** Wait until the calling window the attempt ended in has closed (e.g. after a machine). */
    record NextWindow() implements RetryRule {
        @Override
        public String toString() {
            return "next-window";
        }
    }

    /** Parses "15m", "2h", "7d", "PT15M" or "next-window". */
    static RetryRule parse(String text) {
        if (text.trim().toLowerCase(Locale.ROOT).equals("next-window")) {
            return new NextWindow();
        }
        return new After(Durations.parse(text));
    }

    /** True when {@code other} waits at least as long as this rule in every case. */
    default boolean noLongerThan(RetryRule other) {
        if (other instanceof NextWindow) {
            return this instanceof NextWindow || ((After) this).delay().isZero();
        }
        return this instanceof After && ((After) this).delay().compareTo(((After) other).delay()) <= 0;
    }
}
