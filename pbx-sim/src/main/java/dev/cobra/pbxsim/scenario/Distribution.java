package dev.cobra.pbxsim.scenario;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A distribution of durations for scenario sampling.
 *
 * @param kind FIXED (always {@code a}), UNIFORM (between {@code a} and {@code b}), EXPONENTIAL
 *             (mean {@code a}, capped at {@code b})
 * @param a    value, lower bound or mean
 * @param b    upper bound or cap (equal to {@code a} for FIXED)
 */
public record Distribution(Kind kind, Duration a, Duration b) {
    public enum Kind { FIXED, UNIFORM, EXPONENTIAL }

    public Distribution {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.isNegative() || b.compareTo(a) < 0) {
            throw new IllegalArgumentException(kind + ": [" + a + ", " + b + "] (expected: 0 <= a <= b)");
        }
    }

    public static Distribution fixed(Duration d) {
        return new Distribution(Kind.FIXED, d, d);
    }

    public static Distribution uniform(Duration min, Duration max) {
        return new Distribution(Kind.UNIFORM, min, max);
    }

    public static Distribution exponential(Duration mean, Duration cap) {
        return new Distribution(Kind.EXPONENTIAL, mean, cap);
    }

    /** Draws one duration, millisecond resolution. */
    public Duration sample(RandomGenerator random) {
        long aMs = a.toMillis();
        long bMs = b.toMillis();
        if (kind == Kind.FIXED || aMs == bMs) {
            return a;
        }
        if (kind == Kind.UNIFORM) {
            return Duration.ofMillis(aMs + random.nextLong(bMs - aMs + 1));
        }
        double u = random.nextDouble();
        return Duration.ofMillis(Math.min(bMs, Math.round(-aMs * Math.log(1 - u))));
    }
}
