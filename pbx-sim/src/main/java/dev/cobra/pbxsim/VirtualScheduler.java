package dev.cobra.pbxsim;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link SimScheduler} whose clock stands still until {@link #advance(Duration)}: the test decides
 * when simulated seconds pass, so a 60 s call takes no wall time and runs the same way every time.
 * Immediate work ({@link #execute}) still runs at once on the simulator thread, so sockets keep
 * working while time is frozen.
 */
public final class VirtualScheduler implements SimScheduler {
    private record Timer(Instant at, long seq, Runnable task, boolean[] cancelled) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private volatile Thread simThread;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pbx-sim-core-virtual");
        t.setDaemon(true);
        simThread = t;
        return t;
    });
    /** Touched only on the simulator thread. */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private volatile Instant now;
    private long seq;

    public VirtualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        Runnable add = () -> timers.add(new Timer(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task,
                cancelled));
        if (Thread.currentThread() == simThread) {
            // From a running task (possibly inside advance): the timer must join this advance.
            add.run();
            return () -> cancelled[0] = true;
        }
        thread.execute(add);
        return () -> thread.execute(() -> cancelled[0] = true);
    }

    /**
     * Moves the clock forward by {@code step}, running every timer that falls due, in time order,
     * with the clock set to each timer's instant. Returns once they have all run.
     *
     * @throws IllegalStateException when the simulator thread does not finish within 10 s
     */
    public void advance(Duration step) {
        await(thread.submit(() -> {
            Instant end = now.plus(step);
            while (!timers.isEmpty() && !timers.peek().at().isAfter(end)) {
                Timer t = timers.poll();
                now = t.at();
                if (!t.cancelled()[0]) {
                    t.task().run();
                }
            }
            now = end;
        }));
    }

    /** Waits until every task handed to the simulator thread so far has run. */
    public void drain() {
        await(thread.submit(() -> { }));
    }

    /** Timers not yet due (cancelled ones included until their time comes). */
    public int pendingTimerCount() {
        Future<Integer> f = thread.submit(timers::size);
        await(f);
        try {
            return f.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the simulator thread", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulator task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("simulator thread busy for more than 10000ms", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
