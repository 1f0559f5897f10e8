package dev.cobra.app;

import dev.cobra.agents.AgentPool;
import dev.cobra.calls.Destination;
import dev.cobra.calls.Pbx;
import dev.cobra.campaign.AgentDesk;
import dev.cobra.campaign.CallBudget;
import dev.cobra.campaign.CampaignRunner;
import dev.cobra.campaign.PreviewBoard;
import dev.cobra.campaign.PreviewDesk;
import dev.cobra.campaign.RunnerLoop;
import dev.cobra.campaign.RunnerSettings;
import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.Policy;
import dev.cobra.compliance.PresetLoader;
import dev.cobra.compliance.TelecomRules;
import dev.cobra.http.ConsoleRoutes;
import dev.cobra.metrics.AgentMeters;
import dev.cobra.metrics.CampaignMeters;
import dev.cobra.pacing.AbandonMeter;
import dev.cobra.pacing.CallHistory;
import dev.cobra.pacing.Pacer;
import dev.cobra.pacing.PredictivePacer;
import dev.cobra.pacing.PredictiveSettings;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignAttempts;
import dev.cobra.store.CampaignDebtors;
import dev.cobra.store.CampaignStats;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.ClaimStore;
import dev.cobra.store.Database;
import dev.cobra.store.DebtorFactsStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the campaigns whose status is {@code running} in the database, on this node: the campaigns table is the one
 * switch (the API, the CLI or SQL flips it; every node follows within {@code poll}).
 *
 * <p>Every {@code poll} the running campaigns are read. A campaign newly running gets a {@link CampaignRunner} built
 * from its {@link Campaign.Dialing}: mode {@code ivr} keeps up to {@code maxLines} calls in flight (like
 * {@link CallBudget#fixed}) and sends answered calls to its IVR flow, whose transfer to an agent ({@code NEXT_STEP=agent})
 * joins the caller to the campaign's longest-idle agent (or plays the information message after
 * {@link #TRANSFER_LIMIT}); the agent modes hand answered calls to agents
 * through an {@link AgentDesk} paced by the mode's {@link Pacer}, also within {@code maxLines}. The calls a replaced
 * runner still holds count against the new runner's {@code maxLines}. A campaign no longer running (paused, stopped) has its
 * gate closed: it places no new call, and its live calls finish normally (their outcomes recorded, their debtors
 * released with the cadence's next time). A campaign whose dialing or preset changed is treated as both: the old
 * runner drains, a new one starts with the new settings. A drained runner (no call in flight) is dropped.
 *
 * <p>Threading: the poll reads the database on the supervisor's thread; runners are created, ticked (every
 * {@code tick}) and dropped on the {@link RunnerLoop}'s core thread, where all runner state lives, so nothing here is
 * shared without that thread. Every wait on the core thread is bounded ({@link #CORE_TIMEOUT}).
 */
final class CampaignSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CampaignSupervisor.class);
    static final Duration CORE_TIMEOUT = Duration.ofSeconds(10);
    /** The regulators' limit on the wait between a person's answer and an agent or the message (see AgentDesk). */
    private static final Duration ABANDON_LIMIT = Duration.ofSeconds(2);
    /**
     * How long a caller the IVR handed on to an agent waits in hold for one before the information message: the IVR
     * answered the call, so the 2-second rule does not apply, but the dialplan's hold ends after 60 s.
     */
    static final Duration TRANSFER_LIMIT = Duration.ofSeconds(20);

    private final Database db;
    private final String node;
    private final Pbx pbx;
    private final AgentPool agents;
    private final RunnerLoop loop;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration tick;
    private final Duration lease;
    private final CampaignStore campaigns;
    private final String callIdPrefix;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong ticks = new AtomicLong();
    private ScheduledFuture<?> polling;
    private final PreviewBoard previews;
    private final PreviewDesk.Settings previewSettings;

    // Core thread only.
    private final Map<Long, Running> active = new HashMap<>();
    private final List<Running> draining = new ArrayList<>();
    private final Map<Long, Campaign> refused = new HashMap<>();
    private int generation;
    private volatile Map<Long, Campaign> running = Map.of();

    /** Whether a runner may place new calls. Core thread only: closed once its campaign pauses, stops, changes or the node shuts down. */
    private static final class Gate {
        private boolean open = true;

        boolean open() {
            return open;
        }

        void close() {
            open = false;
        }
    }

    private final AgentMeters agentMeters;
    /** Core thread: runs at every pacing tick (the server publishes agent-state counts for the metrics here). */
    private volatile Runnable afterTick = () -> { };

    /** A campaign's runner and its gate. */
    private record Running(Campaign campaign, Gate gate, CampaignRunner runner) {}

    /**
     * @param node    this node's id (leases, attempts, call ids)
     * @param pbx     where calls are placed (the pool of configured servers)
     * @param agents  the node's agents (owned by the core thread)
     * @param tick    how often runners are paced
     * @param lease   claim lease of every runner
     */
    CampaignSupervisor(Database db, String node, Pbx pbx, AgentPool agents, AgentMeters agentMeters, RunnerLoop loop,
                       MeterRegistry registry, Clock clock, Duration tick, Duration lease) {
        this(db, node, pbx, agents, agentMeters, loop, registry, clock, tick, lease, new PreviewBoard(clock), PreviewDesk.Settings.defaults());
    }

    /**
     * @param previews        the node's preview reservations by agent (the HTTP preview routes act on it)
     * @param previewSettings how long a preview is held, how long a skipped debtor waits
     */
    CampaignSupervisor(Database db, String node, Pbx pbx, AgentPool agents, AgentMeters agentMeters, RunnerLoop loop,
                       MeterRegistry registry, Clock clock, Duration tick, Duration lease, PreviewBoard previews,
                       PreviewDesk.Settings previewSettings) {
        this.previews = previews;
        this.previewSettings = previewSettings;
        this.agentMeters = agentMeters;
        this.db = db;
        this.node = node;
        this.pbx = pbx;
        this.agents = agents;
        this.loop = loop;
        this.registry = registry;
        this.clock = clock;
        this.tick = tick;
        this.lease = lease;
        this.campaigns = new CampaignStore(db);
        // Call ids are unique per node (this prefix, at most 8 characters), per runner (its generation) and in time (the
        // runner's own part): together within RunnerSettings' 20 characters.
        this.callIdPrefix = "n" + Integer.toString(node.hashCode() & 0x7fffffff, 36);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cobra-supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Something to run on the core thread at every pacing tick; set before {@link #start}. */
    void atEachTick(Runnable task) {
        this.afterTick = task;
    }

    /** Starts polling the campaigns table every {@code poll} and pacing every {@code tick}. */
    void start(Duration poll) {
        polling = scheduler.scheduleWithFixedDelay(this::pollSafely, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::tickSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        log.info("dialing: following campaigns' status every {} ms, pacing every {} ms", poll.toMillis(), tick.toMillis());
    }

    /** Core thread: each running campaign's live numbers, for the supervisor view. */
    List<ConsoleRoutes.CampaignLive> live() {
        java.time.Instant now = clock.instant();
        List<ConsoleRoutes.CampaignLive> out = new ArrayList<>();
        for (Running r : active.values()) {
            out.add(ConsoleRoutes.CampaignLive.of(r.campaign().code(), r.runner(), r.runner().desk().orElse(null), now));
        }
        return out;
    }

    /** The running campaigns as last read, by id (the IVR reads a campaign's settings here). */
    Map<Long, Campaign> running() {
        return running;
    }

    /** Pacing ticks done so far (tests wait for some to pass). */
    long ticks() {
        return ticks.get();
    }

    /** The campaigns dialing now, by code, as their runners were built. */
    Map<String, Campaign> dialing() throws Exception {
        return loop.call(() -> {
            Map<String, Campaign> out = new java.util.TreeMap<>();
            active.values().forEach(r -> out.put(r.campaign().code(), r.campaign()));
            return out;
        }, CORE_TIMEOUT);
    }

    /** Calls in flight over every runner, draining ones included. */
    int liveCalls() throws Exception {
        return loop.call(() -> {
            int n = 0;
            for (Running r : active.values()) {
                n += r.runner().inFlight();
            }
            for (Running r : draining) {
                n += r.runner().inFlight();
            }
            return n;
        }, CORE_TIMEOUT);
    }

    /** Stops following the table and closes every gate: nothing more is dialed; live calls go on. Returns how many campaigns stopped. */
    int stopDialing() throws Exception {
        if (polling != null) {
            polling.cancel(false);
        }
        return loop.call(() -> {
            int n = active.size();
            for (Running r : active.values()) {
                r.gate().close();
                draining.add(r);
            }
            active.clear();
            return n;
        }, CORE_TIMEOUT);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("dialing: reading the campaigns failed ({}); retrying at the next poll", e.toString());
        }
    }

    void poll() throws Exception {
        Map<Long, Campaign> now = new HashMap<>();
        for (Campaign c : campaigns.withStatus("running")) {
            now.put(c.id(), c);
        }
        running = Map.copyOf(now);
        loop.call(() -> {
            reconcile(now);
            return null;
        }, CORE_TIMEOUT);
    }

    /** Core thread: starts, drains and restarts runners so that exactly the running campaigns dial, as configured now. */
    private void reconcile(Map<Long, Campaign> now) {
        Iterator<Map.Entry<Long, Running>> it = active.entrySet().iterator();
        while (it.hasNext()) {
            Running r = it.next().getValue();
            Campaign c = now.get(r.campaign().id());
            if (c == null || !sameDialing(c, r.campaign())) {
                r.gate().close();
                draining.add(r);
                it.remove();
                log.info("campaign {}: {}; dialing stops, {} live call(s) finish", r.campaign().code(),
                        c == null ? "no longer running" : "settings changed", r.runner().inFlight());
            }
        }
        refused.keySet().retainAll(now.keySet());
        for (Campaign c : now.values()) {
            if (active.containsKey(c.id())) {
                continue;
            }
            Campaign failed = refused.get(c.id());
            if (failed != null && sameDialing(failed, c)) {
                continue; // already logged; waits for a change
            }
            try {
                Gate gate = new Gate();
                Running started = new Running(c, gate, runner(c, gate));
                active.put(c.id(), started);
                refused.remove(c.id());
                bindMeters(started);
                log.info("campaign {}: dialing, mode {}, up to {} lines, preset {}", c.code(), c.dialing().mode(),
                        c.dialing().maxLines(), c.preset());
            } catch (RuntimeException e) {
                refused.put(c.id(), c);
                log.error("campaign {}: cannot dial ({}); it waits until its settings change", c.code(), e.getMessage());
            }
        }
    }

    private static boolean sameDialing(Campaign a, Campaign b) {
        return a.dialing().equals(b.dialing()) && a.preset().equals(b.preset()) && a.code().equals(b.code());
    }

    private void tickSafely() {
        try {
            loop.call(() -> {
                tickAll();
                return null;
            }, CORE_TIMEOUT);
            ticks.incrementAndGet();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("dialing: a pacing tick did not run ({})", e.toString());
        }
    }

    /** Core thread: paces every runner (draining ones still hand calls to agents), drops the drained ones. */
    private void tickAll() {
        java.time.Instant now = clock.instant();
        afterTick.run();
        for (Running r : active.values()) {
            tickOne(r, now);
        }
        Iterator<Running> it = draining.iterator();
        while (it.hasNext()) {
            Running r = it.next();
            tickOne(r, now);
            if (r.runner().inFlight() == 0) {
                it.remove();
                log.info("campaign {}: last call of the stopped runner ended", r.campaign().code());
            }
        }
    }

    private static void tickOne(Running r, java.time.Instant now) {
        try {
            r.runner().tick(now);
        } catch (RuntimeException e) {
            log.error("campaign {}: tick failed; retried at the next tick", r.campaign().code(), e);
        }
    }

    /** Core thread: a runner for the campaign as it is now; its pacing asks {@code gate} on every tick. */
    private CampaignRunner runner(Campaign c, Gate gate) {
        Campaign.Dialing d = c.dialing();
        Policy policy = PresetLoader.builtIn(c.preset());
        ComplianceEngine engine = new ComplianceEngine(policy, new DebtorFactsStore(db).doNotCallList());
        Destination onAnswer = d.agents() ? new Destination.Hold() : new Destination.Ivr(d.ivrFlow());
        RunnerSettings settings = new RunnerSettings(c.id(), callIdPrefix + "-" + Integer.toString(++generation, 36),
                d.callerId() == null ? "" : d.callerId(), Duration.ofSeconds(d.ringTimeoutSeconds()), onAnswer, lease, d.recordCalls());
        CampaignDebtors due = new CampaignDebtors(c.id(), node, lease, new ClaimStore(db), new DebtorFactsStore(db));
        CampaignAttempts attempts = new CampaignAttempts(c.id(), node, pbx.name(), new AttemptStore(db));
        // maxLines caps the campaign's calls in flight: this runner's own plus those of its drained predecessors.
        CampaignRunner[] self = new CampaignRunner[1];
        java.util.function.IntSupplier room = () -> gate.open() ? d.maxLines() - self[0].inFlight() - drainingCalls(c.id()) : 0;
        CampaignRunner runner;
        if (!d.agents()) {
            // The IVR may hand a caller on to the campaign's agents (NEXT_STEP=agent): the longest-idle one takes it, or
            // the caller hears the information message after TRANSFER_LIMIT. The desk places no call by itself.
            AgentDesk transfers = new AgentDesk(agents, c.code(), TRANSFER_LIMIT, tick, Pacer.preview(),
                    new CallHistory(settings.ringTimeout(), 1000, 1000), AbandonMeter.rolling24Hours(false));
            runner = new CampaignRunner(settings, due, attempts, engine, pbx, inFlight -> Math.max(0, room.getAsInt()), loop,
                    transfers);
        } else if ("preview".equals(d.mode())) {
            // The agents choose each call: one debtor reserved per READY agent, within maxLines (calls in flight and
            // reservations together); a call is joined only to the agent who dialed it, so nothing can be abandoned.
            AgentDesk desk = new AgentDesk(agents, c.code(), ABANDON_LIMIT, tick, Pacer.preview(),
                    new CallHistory(settings.ringTimeout(), 5000, 2000), abandonMeter(c, policy.telecom()));
            PreviewDesk preview = new PreviewDesk(agents, c.code(), c.id(), previewSettings, previews);
            runner = new CampaignRunner(settings, due, attempts, engine, pbx, loop, desk, preview,
                    busy -> Math.max(0, d.maxLines() - busy - drainingCalls(c.id())), gate::open);
        } else {
            CallHistory history = new CallHistory(settings.ringTimeout(), 5000, 2000);
            AbandonMeter meter = abandonMeter(c, policy.telecom());
            Pacer pacer = pacer(d, policy.telecom().maxAbandonRate(), settings.ringTimeout(), history, meter);
            AgentDesk desk = new AgentDesk(agents, c.code(), ABANDON_LIMIT, tick,
                    in -> Math.max(0, Math.min(pacer.callsToPlace(in), room.getAsInt())), history, meter);
            runner = new CampaignRunner(settings, due, attempts, engine, pbx, loop, desk);
        }
        runner.onHandOff(answerToJoin -> agentMeters.handOff(c.code(), answerToJoin));
        self[0] = runner;
        return runner;
    }

    /** Core thread: calls still in flight on the drained runners of a campaign. */
    private int drainingCalls(long campaignId) {
        int n = 0;
        for (Running r : draining) {
            if (r.campaign().id() == campaignId) {
                n += r.runner().inFlight();
            }
        }
        return n;
    }

    /**
     * The campaign's abandon meter over the preset's window (BR, UK: 24 h; US: 30 days), seeded with the live answers
     * and abandons already in the window: a restart or a settings change must not reset what the regulator counts.
     */
    private AbandonMeter abandonMeter(Campaign c, TelecomRules telecom) {
        Duration window = telecom.abandonRateWindow();
        AbandonMeter meter = new AbandonMeter(window, (int) Math.min(window.toMinutes(), 43_200), false);
        java.time.Instant now = clock.instant();
        long live = 0;
        long abandoned = 0;
        for (CampaignStats.LiveMinute m : new CampaignStats(db).liveAnswersByMinute(c.id(), now.minus(window), now)) {
            meter.add(m.minute(), m.liveAnswers(), m.abandoned());
            live += m.liveAnswers();
            abandoned += m.abandoned();
        }
        log.info("campaign {}: abandon window {} starts with {} abandoned of {} live answers", c.code(), window, abandoned, live);
        return meter;
    }

    /** The pacer for the campaign's mode; predictive aims at the campaign's target, never above the preset's limit. */
    private static Pacer pacer(Campaign.Dialing d, double presetLimit, Duration ringTimeout, CallHistory history, AbandonMeter meter) {
        switch (d.mode()) {
            case "preview":
                return Pacer.preview();
            case "progressive":
                return Pacer.progressive();
            case "power":
                return Pacer.power(d.powerRatio().doubleValue());
            case "predictive":
                double target = Math.min(d.abandonTarget().signum() > 0 ? d.abandonTarget().doubleValue() : presetLimit, presetLimit);
                return new PredictivePacer(PredictiveSettings.defaults(target, ringTimeout), history, meter);
            default:
                throw new IllegalStateException("mode: '" + d.mode() + "' has no pacer");
        }
    }

    /** Re-binds the campaign's meters to this runner (a restarted campaign's counters start again from zero). */
    private void bindMeters(Running r) {
        CampaignMeters.unbind(registry, r.campaign().code());
        CampaignMeters.bind(registry, r.campaign().code(), r.runner().stats(), r.runner()::inFlight);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(CORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
