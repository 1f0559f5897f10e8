package dev.cobra.pbxsim;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * The simulator's single thread of control and its clock. Every piece of simulated PBX state is
 * touched only by tasks run here, so the model needs no locks; network handlers hand work over
 * with {@link #execute(Runnable)}.
 *
 * <p>Two implementations: {@link RealTimeScheduler} (wall clock, for demos and load tests) and
 * {@link VirtualScheduler} (time moves only when a test calls {@code advance}). Tasks scheduled
 * for the same instant run in the order they were scheduled.
 */
public interface SimScheduler extends Executor, AutoCloseable {
    /** Current simulated time. Call from any thread. */
    Instant now();

    /** Runs {@code task} on the simulator thread after {@code delay}; the result cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Stops the simulator thread; pending tasks are dropped. */
    @Override
    void close();

    /** Handle to a scheduled task. */
    interface Cancellable {
        /** Prevents the task from running if it has not started; idempotent. */
        void cancel();
    }
}
