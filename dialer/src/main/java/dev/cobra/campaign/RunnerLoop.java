package dev.cobra.campaign;

import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.Pbx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs campaign runners on one core thread: PBX events and ticks are queued to it, so runners need no
 * locks. The queue is bounded ({@value #QUEUE_CAPACITY}); when it is full the PBX adapter's thread waits
 * (backpressure slows the event reader instead of dropping an event: a lost hang-up would be a stuck
 * call); each wait is counted.
 *
 * <p>Also the {@link Pbx.Listener} and {@link CampaignRunner.CallRegistry}: routes each event to the runner
 * that placed the call, and agent legs going up or down to the {@link AgentSessions} ({@link #serveAgents}), in the
 * order the PBX reported them.
 */
public final class RunnerLoop implements Pbx.Listener, CampaignRunner.CallRegistry, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunnerLoop.class);
    static final int QUEUE_CAPACITY = 100_000;

    private final Clock clock;
    private final ThreadPoolExecutor core;
    private final ScheduledExecutorService ticker;
    private final List<CampaignRunner> runners = new ArrayList<>();
    private final ConcurrentHashMap<CallId, CampaignRunner> owners = new ConcurrentHashMap<>();
    private final AtomicLong backpressureWaits = new AtomicLong();
    private final AtomicLong unknownEvents = new AtomicLong();
    private volatile boolean pbxAvailable = true;
    private volatile AgentSessions agents;

    public RunnerLoop(Clock clock) {
        this.clock = clock;
        ArrayBlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        this.core = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, r -> {
            Thread t = new Thread(r, "cobra-core");
            t.setDaemon(true);
            return t;
        }, (task, executor) -> {
            if (executor.isShutdown()) {
                throw new RejectedExecutionException("core loop is shut down");
            }
            backpressureWaits.incrementAndGet();
            try {
                executor.getQueue().put(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException("interrupted while the core queue was full", e);
            }
        });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cobra-ticker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a runner and ticks it every {@code period}. */
    public void start(CampaignRunner runner, Duration period) {
        core.execute(() -> runners.add(runner));
        ticker.scheduleAtFixedRate(() -> core.execute(() -> {
            try {
                runner.tick(clock.instant());
            } catch (RuntimeException e) {
                log.error("campaign {} tick failed; it will be retried at the next tick", runner.settings().campaignId(), e);
            }
        }), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onCallEvent(CallEvent event) {
        core.execute(() -> {
            CampaignRunner owner = owners.get(event.callId());
            if (owner == null) {
                unknownEvents.incrementAndGet();
                return;
            }
            try {
                owner.onCallEvent(event);
            } catch (RuntimeException e) {
                log.error("handling {} for call {} failed", event.getClass().getSimpleName(), event.callId(), e);
            }
        });
    }

    @Override
    public void onAvailability(String pbx, boolean available) {
        pbxAvailable = available;
        log.info("PBX {} is {}: dialing {}", pbx, available ? "up" : "down", available ? "resumes" : "pauses");
    }

    /** Agent legs reported by the PBX go to {@code sessions}, on the core thread. */
    public void serveAgents(AgentSessions sessions) {
        this.agents = sessions;
    }

    @Override
    public void onAgentLeg(String pbx, String agentId, boolean up) {
        core.execute(() -> {
            AgentSessions s = agents;
            if (s == null) {
                unknownEvents.incrementAndGet();
                log.warn("agent {}'s leg went {} on {}, but this node serves no agents", agentId, up ? "up" : "down", pbx);
                return;
            }
            try {
                s.legChanged(agentId, up);
            } catch (RuntimeException e) {
                log.error("handling agent {}'s leg going {} on {} failed", agentId, up ? "up" : "down", pbx, e);
            }
        });
    }

    public boolean pbxAvailable() {
        return pbxAvailable;
    }

    @Override
    public void register(CallId id, CampaignRunner owner) {
        owners.put(id, owner);
    }

    @Override
    public void unregister(CallId id) {
        owners.remove(id);
    }

    /** Runs a task on the core thread and waits for it (bounded), e.g. to read runner state consistently. */
    public <T> T call(java.util.concurrent.Callable<T> task, Duration timeout) throws Exception {
        return core.submit(task).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long backpressureWaits() {
        return backpressureWaits.get();
    }

    public long unknownEvents() {
        return unknownEvents.get();
    }

    /** Stops ticking and the core thread (queued tasks still run, up to 10 s). */
    @Override
    public void close() {
        ticker.shutdownNow();
        core.shutdown();
        try {
            if (!core.awaitTermination(10, TimeUnit.SECONDS)) {
                core.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            core.shutdownNow();
        }
    }
}
