package dev.cobra.pbxsim.ami;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * A counter other threads can wait on with a bound (tests wait for "N actions handled" or "0
 * channels live" instead of sleeping). Written by the simulator thread, read by anyone.
 */
final class WatchedCount {
    private final String what;
    private long value;

    WatchedCount(String what) {
        this.what = what;
    }

    synchronized void set(long v) {
        value = v;
        notifyAll();
    }

    synchronized void increment() {
        value++;
        notifyAll();
    }

    synchronized long get() {
        return value;
    }

    /**
     * Waits until {@code condition} holds for the value.
     *
     * @param expected how the condition reads, for the timeout message ("== 0", ">= 12")
     * @throws IllegalStateException naming the value and the expectation when {@code timeout} passes
     */
    synchronized void await(LongPredicate condition, String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(value)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(what + ": " + value + " after " + timeout.toMillis()
                        + "ms (expected: " + expected + ")");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }
}
