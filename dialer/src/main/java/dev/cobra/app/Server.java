package dev.cobra.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.cobra.agents.AgentPool;
import dev.cobra.calls.CallId;
import dev.cobra.campaign.PreviewBoard;
import dev.cobra.campaign.PreviewDesk;
import dev.cobra.campaign.RunnerLoop;
import dev.cobra.http.PreviewRoutes;
import dev.cobra.config.AsteriskConfig;
import dev.cobra.config.CobraConfig;
import dev.cobra.config.HttpConfig;
import dev.cobra.config.IvrConfig;
import dev.cobra.config.LoggingConfig;
import dev.cobra.http.AgentRoutes;
import dev.cobra.http.Authenticator;
import dev.cobra.http.HttpServer;
import dev.cobra.http.OpsRoutes;
import dev.cobra.http.Principal;
import dev.cobra.http.Route;
import dev.cobra.ivr.IvrApplication;
import dev.cobra.ivr.flow.Flow;
import dev.cobra.ivr.flow.FlowApplication;
import dev.cobra.ivr.flow.FlowLibrary;
import dev.cobra.ivr.flow.FlowLoader;
import dev.cobra.metrics.CobraMeters;
import dev.cobra.pbx.PbxPool;
import dev.cobra.agents.AgentState;
import dev.cobra.campaign.AgentEndpoint;
import dev.cobra.campaign.AgentSessionLog;
import dev.cobra.campaign.AgentSessions;
import dev.cobra.store.AgentSessionStore;
import java.util.concurrent.CompletableFuture;
import dev.cobra.http.AgentEvents;
import dev.cobra.http.ApiRoutes;
import dev.cobra.http.ConsoleRoutes;
import dev.cobra.ivr.plan.InstallmentPlanner;
import dev.cobra.metrics.AgentMeters;
import dev.cobra.metrics.IvrMeters;
import dev.cobra.metrics.PbxMeters;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.DebtorScreenStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import dev.cobra.pbx.asterisk.AsteriskPbx;
import dev.cobra.pbx.asterisk.agi.FastAgiServer;
import dev.cobra.store.Attempt;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.Campaign;
import dev.cobra.store.ClaimStore;
import dev.cobra.store.Database;
import dev.cobra.store.Dispositions;
import dev.cobra.store.IvrStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cobra serve}: one dialer node, from configuration to shutdown. Owns the start-up order (log levels, database
 * and migrations, recovery of what a previous run of this node left open, IVR flows and the FastAGI server, the PBX
 * pool, the HTTP server, then the campaign supervisor, so nothing dials before everything it needs is up; the agent
 * sessions its previous run saved are settled against each PBX's agent legs as soon as that PBX's AMI session is up,
 * see {@link AgentSessions#recover}) and the
 * shutdown order, the reverse, with the calls first:
 * <ol>
 *   <li>stop dialing: no campaign places a new call;</li>
 *   <li>let live calls finish, up to {@code dialing.shutdownGraceSeconds};</li>
 *   <li>hang up the calls still live (every open attempt of this node), and give the hang-ups a few seconds;</li>
 *   <li>close every attempt still open (unknown, or dropped if answered) and release every lease this node holds;</li>
 *   <li>stop HTTP, FastAGI, the core loop, the AMI sessions; close the database.</li>
 * </ol>
 * Each step is logged in one line. {@link #shutdown()} is idempotent and thread-safe (a SIGTERM hook and a test may
 * both call it); {@link #awaitShutdown()} blocks until it is done.
 *
 * <p>Extra route lists (the REST API, the console) plug in through {@link RouteSource}: each is given the node's
 * {@link Services} and returns its routes, served with the same tokens, limits and JSON errors.
 */
public final class Server {
    private static final Logger log = LoggerFactory.getLogger(Server.class);
    /** After hanging up at the end of the grace, how long the PBX may take to confirm the hang-ups. */
    static final Duration HANGUP_WAIT = Duration.ofSeconds(5);

    /** What route lists may use: the node's shared services. The agent pool is only touched through {@code core}. */
    public record Services(CobraConfig config, Database db, CobraMeters meters, AgentPool agents, AgentRoutes.CoreThread core,
                           Clock clock) {}

    /** A list of routes to serve, built once the node's services are up. */
    @FunctionalInterface
    public interface RouteSource {
        List<Route> routes(Services services);
    }

    /** What a shutdown did, for the log and for tests. */
    public record Stopped(int campaigns, int liveAtStop, int hungUp, int attemptsClosed, int leasesReleased) {}

    private final CobraConfig config;
    private final Clock clock;
    private final List<AutoCloseable> closeInReverse = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private StoreRuntime store;
    private PbxPool pool;
    private RunnerLoop loop;
    private volatile CampaignSupervisor supervisor;
    private HttpServer http;
    private InetSocketAddress agiAddress;
    private Stopped result;
    private volatile boolean shuttingDown;
    /** Agents by state, published by the core thread after every pacing tick, read by the metrics scrape. */
    private final AtomicReference<Map<AgentState, Integer>> agentStates = new AtomicReference<>(Map.of());
    private final List<AgentSessions.Recovery> agentRecoveries = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Server(CobraConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a node. On a failure part-way, what was started is stopped again and the failure is thrown.
     *
     * @param extraRoutes route lists served besides /health, /metrics and the agents' endpoints
     */
    public static Server start(CobraConfig config, Clock clock, List<RouteSource> extraRoutes) {
        Server s = new Server(config, clock);
        try {
            s.startAll(extraRoutes);
            return s;
        } catch (RuntimeException e) {
            s.closeAll();
            s.stopped.countDown();
            throw e;
        }
    }

    private void startAll(List<RouteSource> extraRoutes) {
        applyLogLevels(config.logging());
        String node = config.node();
        store = StoreRuntime.open(config);
        closeInReverse.add(store);
        Database db = store.db;
        log.info("database: {}, schema migrated", store.description);
        int orphans = new AttemptStore(db).closeOrphans(node, clock.instant());
        int leases = new ClaimStore(db).releaseAll(node, clock.instant(), "released at start of node " + node);
        log.info("recovery: {} attempt(s) left open by a previous run of node {} closed, {} lease(s) released", orphans, node, leases);
        AgentSessionStore savedSessions = new AgentSessionStore(db, node, clock);
        List<AgentSessionLog.Saved> previousSessions = savedSessions.open();
        log.info("recovery: {} agent session(s) saved by a previous run of node {}, settled once each PBX is up",
                previousSessions.size(), node);
        CobraMeters meters = new CobraMeters();
        closeInReverse.add(meters);

        IvrConfig ivr = config.ivr();
        FlowLibrary flows = new FlowLibrary(() -> loadFlows(ivr));
        flows.reload();
        loop = new RunnerLoop(clock);
        closeInReverse.add(loop);
        Map<String, IvrApplication> apps = new LinkedHashMap<>();
        IvrStore ivrStore = new IvrStore(db, clock, config.ivr().zone());
        CampaignStore campaignStore = new CampaignStore(db);
        Map<Long, String> campaignCodes = new ConcurrentHashMap<>();
        IvrMeters ivrMeters = new IvrMeters(meters.registry(), id -> campaignCodes.computeIfAbsent(id,
                k -> campaignStore.list().stream().filter(c -> c.id() == k).map(Campaign::code).findFirst().orElse("unknown")));
        for (String name : flows.names()) {
            apps.put(name, new FlowApplication(flows, name, ivrStore, this::ivrSettings, Server::bankingDay, clock, ivrMeters));
        }
        FastAgiServer agi = new FastAgiServer(config.fastAgi(), apps);
        closeInReverse.add(agi);
        agiAddress = agi.start();
        log.info("fastagi: listening on {}:{}, flows {}", agiAddress.getHostString(), agiAddress.getPort(), apps.keySet());

        Map<String, Supplier<OpsRoutes.Check>> ready = new LinkedHashMap<>();
        ready.put("database", () -> new OpsRoutes.Check(db.withConnection(c -> c.isValid(2)), store.description));
        List<PbxPool.Member> members = new ArrayList<>();
        Map<AsteriskPbx, CompletableFuture<Void>> started = new LinkedHashMap<>();
        for (AsteriskConfig a : config.asterisk()) {
            AsteriskPbx pbx = new AsteriskPbx(a.server(), a.settings(), clock, new SplittableRandom(a.server().name().hashCode()));
            closeInReverse.add(pbx);
            members.add(new PbxPool.Member(pbx, a.server().maxConcurrentCalls()));
            ready.put("pbx:" + pbx.name(), () -> new OpsRoutes.Check(pbx.available(), pbx.available() ? "AMI session up"
                    : "AMI down (reconnecting to " + a.server().describe() + ")"));
        }
        // Not ready once shutting down, so a load balancer stops sending API and console traffic first.
        ready.put("node", () -> new OpsRoutes.Check(!shuttingDown, shuttingDown ? "shutting down" : "serving as " + config.node()));
        if (!members.isEmpty()) {
            pool = new PbxPool("pbx", members, clock);
            pool.setListener(loop);
            PbxMeters.bind(meters.registry(), pool);
            for (PbxPool.Member m : members) {
                AsteriskPbx pbx = (AsteriskPbx) m.pbx();
                started.put(pbx, pbx.start());
                started.get(pbx).whenComplete((ok, e) -> {
                    if (e == null) {
                        log.info("pbx {}: AMI session up", pbx.name());
                    } else {
                        log.warn("pbx {}: AMI not up yet ({}); reconnecting in the background", pbx.name(), e.getMessage());
                    }
                });
                log.info("pbx {}: connecting", pbx.name());
            }
        } else {
            log.warn("pbx: none configured (pbx.asterisk); no campaign will be dialed");
        }

        AgentPool agents = new AgentPool(clock, config.agents().wrapUp(), config.agents().pauseReasons());
        AgentEvents agentEvents = new AgentEvents(clock);
        agents.addListener(agentEvents);
        AgentMeters agentMeters = new AgentMeters(meters.registry(), agentStates::get);
        Services services = new Services(config, db, meters, agents, loop::call, clock);
        Dispositions dispositions = new Dispositions(db, clock);
        HttpConfig h = config.http();
        Authenticator auth = authenticator(h);
        List<Route> routes = new ArrayList<>(OpsRoutes.routes(ready, meters));
        AgentRoutes.DispositionSink sink = (call, d, promise, callback) -> dispositions.record(call.value(), d, promise, callback);
        if (pool != null) {
            // Log-in opens the agent's leg on a PBX; the agent is READY only once it is up (AgentSessions).
            AgentSessions sessions = new AgentSessions(agents, pool, new AgentEndpoint(config.agents().endpointTemplate()),
                    savedSessions);
            loop.serveAgents(sessions);
            started.forEach((pbx, up) -> recoverAgents(pbx, up, sessions, previousSessions));
            routes.addAll(AgentRoutes.routes(sessions, loop::call, sink));
        } else {
            routes.addAll(AgentRoutes.routes(agents, loop::call, sink)); // no PBX, no legs: states only, nothing is dialed
        }
        routes.addAll(ApiRoutes.routes(db, clock.withZone(config.ivr().zone())));
        DebtorScreenStore screens = new DebtorScreenStore(db, clock, config.ivr().zone(),
                new InstallmentPlanner(config.ivr().policy(), Server::bankingDay));
        routes.addAll(ConsoleRoutes.routes(agents, loop::call, agentEvents, auth, screens::forCall,
                () -> supervisor == null ? List.of() : supervisor.live()));
        PreviewBoard previews = new PreviewBoard(clock); // preview campaigns' reservations by agent (core thread)
        routes.addAll(PreviewRoutes.routes(previews, loop::call, screens::forDebtor));
        for (RouteSource source : extraRoutes) {
            routes.addAll(source.routes(services));
        }
        http = HttpServer.start(h.bindHost(), h.port(), routes, auth, h.maxBodyBytes(), h.workerThreads());
        closeInReverse.add(http);
        log.info("http: listening on http://{}:{} ({} routes, {} token(s))", h.bindHost(), http.port(), routes.size(), h.tokens().size());

        if (pool != null) {
            supervisor = new CampaignSupervisor(db, node, pool, agents, agentMeters, loop, meters.registry(), clock, config.dialing().tick(),
                    config.dialing().lease(), previews, new PreviewDesk.Settings(config.agents().preview(), config.agents().previewSkipDelay()));
            closeInReverse.add(supervisor);
            supervisor.atEachTick(() -> agentStates.set(AgentMeters.countByState(agents.agents())));
            supervisor.start(config.dialing().poll());
        }
        log.info("node {} serving", node);
    }

    /**
     * Once {@code pbx}'s AMI session is up (now or after its reconnects), settles the agent sessions this node's previous
     * run saved on it against the legs it has ({@link AgentSessions#recover}), on the core thread. Runs once per server.
     */
    private void recoverAgents(AsteriskPbx pbx, CompletableFuture<Void> up, AgentSessions sessions,
                               List<AgentSessionLog.Saved> previous) {
        up.handle((ok, e) -> {
            if (e != null || !pbx.available()) {
                // Not up yet: the adapter reconnects in the background; look again in a second.
                recoverAgentsLater(pbx, sessions, previous);
                return null;
            }
            pbx.findAgentLegs().thenAccept(found -> {
                try {
                    agentRecoveries.add(loop.call(() -> sessions.recover(pbx.name(), previous, found), CampaignSupervisor.CORE_TIMEOUT));
                } catch (Exception ex) {
                    if (ex instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    log.error("agent recovery on {} failed", pbx.name(), ex);
                }
            }).exceptionally(ex -> {
                log.warn("agent recovery on {}: the legs could not be listed ({}); retrying", pbx.name(), ex.toString());
                recoverAgentsLater(pbx, sessions, previous);
                return null;
            });
            return null;
        });
    }

    /** Tries {@link #recoverAgents} again in a second, unless the node is shutting down. */
    private void recoverAgentsLater(AsteriskPbx pbx, AgentSessions sessions, List<AgentSessionLog.Saved> previous) {
        if (!shuttingDown) {
            CompletableFuture<Void> later = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> later.complete(null));
            recoverAgents(pbx, later, sessions, previous);
        }
    }

    /** What the agent recovery did on each server so far (one entry per server, once its AMI session was up). */
    public List<AgentSessions.Recovery> agentRecoveries() {
        return List.copyOf(agentRecoveries);
    }

    private Authenticator authenticator(HttpConfig h) {
        Map<String, Principal> tokens = new LinkedHashMap<>();
        for (HttpConfig.Token t : h.tokens()) {
            tokens.put(t.token(), new Principal(t.name(), t.role(), t.agentId()));
        }
        return new Authenticator(tokens, clock);
    }

    /**
     * Days a payment may fall due: weekdays that are not Brazilian national holidays (banks close on those; the IVR
     * speaks reais, so Brazil's calendar is the one that applies).
     */
    static boolean bankingDay(java.time.LocalDate date) {
        return date.getDayOfWeek().getValue() <= 5 && dev.cobra.compliance.HolidayCalendar.brazilNationalHoliday(date) == null;
    }

    /** The IVR settings of a running campaign (a call of a campaign just paused still gets them, without recording). */
    private dev.cobra.ivr.flow.IvrSettings ivrSettings(long campaignId) {
        Campaign c = supervisor == null ? null : supervisor.running().get(campaignId);
        return config.ivr().settings(c != null && c.dialing().recordCalls());
    }

    /**
     * Loads the configured flow files (directories expanded to their *.yaml), or the flows shipped in the jar.
     *
     * @throws dev.cobra.config.ConfigException naming file, line and node of every problem
     */
    static List<Flow> loadFlows(IvrConfig ivr) {
        if (ivr.flows().isEmpty()) {
            return IvrConfig.SHIPPED_FLOWS.stream().map(r -> FlowLoader.loadResource(Server.class.getClassLoader(), r)).toList();
        }
        return flowFiles(ivr.flows()).stream().map(FlowLoader::loadFile).toList();
    }

    private static List<Path> flowFiles(List<Path> configured) {
        List<Path> files = new ArrayList<>();
        for (Path p : configured) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list flows in " + p, e);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /** Sets logback's levels from configuration (root, then each package). */
    static void applyLogLevels(LoggingConfig logging) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (logging.root() != null) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(logging.root()));
        }
        logging.levels().forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level)));
    }

    /** The HTTP port (the configured one, or the one picked for port 0). */
    public int httpPort() {
        return http.port();
    }

    /** Where the FastAGI server listens. */
    public InetSocketAddress agiAddress() {
        return agiAddress;
    }

    /** The campaigns dialing now, by code, with the settings their runners use (empty with no PBX configured). */
    public Map<String, Campaign> dialing() throws Exception {
        return supervisor == null ? Map.of() : supervisor.dialing();
    }

    /** Pacing ticks done so far. */
    public long ticks() {
        return supervisor == null ? 0 : supervisor.ticks();
    }

    /** Runs the shutdown once (later calls wait for it and return the same result). */
    public Stopped shutdown() {
        synchronized (this) {
            if (shuttingDown) {
                awaitShutdown();
                return result;
            }
            shuttingDown = true;
        }
        try {
            result = drainAndClose();
            return result;
        } finally {
            stopped.countDown();
        }
    }

    /** Blocks until {@link #shutdown()} has finished. */
    public void awaitShutdown() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Stopped drainAndClose() {
        String node = config.node();
        Database db = store.db;
        int campaigns = 0;
        int liveAtStop = 0;
        int hungUp = 0;
        if (supervisor != null) {
            Duration grace = config.dialing().shutdownGrace();
            try {
                campaigns = supervisor.stopDialing();
                liveAtStop = supervisor.liveCalls();
                log.info("shutdown: dialing stopped ({} campaign(s)); {} live call(s) may finish, up to {} s", campaigns, liveAtStop,
                        grace.toSeconds());
                int live = awaitNoLiveCalls(grace);
                if (live > 0) {
                    List<Attempt> open = new AttemptStore(db).openAttempts(node);
                    for (Attempt a : open) {
                        pool.hangup(new CallId(a.callId()));
                    }
                    hungUp = open.size();
                    log.info("shutdown: {} call(s) still live after {} s, hung up", hungUp, grace.toSeconds());
                    awaitNoLiveCalls(HANGUP_WAIT);
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("shutdown: the core loop did not answer ({}); closing what is left", e.toString());
            }
        }
        int closed = new AttemptStore(db).closeOrphans(node, clock.instant());
        int released = new ClaimStore(db).releaseAll(node, clock.instant(), "released at shutdown of node " + node);
        log.info("shutdown: {} attempt(s) still open closed, {} lease(s) released", closed, released);
        closeAll();
        log.info("shutdown: done (http, fastagi, pbx and database closed)");
        return new Stopped(campaigns, liveAtStop, hungUp, closed, released);
    }

    /** Waits (bounded) until no runner has a call in flight; returns how many are left. */
    private int awaitNoLiveCalls(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int live = supervisor.liveCalls();
        while (live > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            live = supervisor.liveCalls();
        }
        return live;
    }

    private void closeAll() {
        for (int i = closeInReverse.size() - 1; i >= 0; i--) {
            AutoCloseable c = closeInReverse.get(i);
            try {
                c.close();
            } catch (Exception e) {
                log.warn("shutdown: closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        closeInReverse.clear();
    }
}
