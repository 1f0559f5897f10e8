package dev.cobra.pbx.asterisk;

import dev.cobra.accounts.Mask;
import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.calls.Pbx;
import dev.cobra.wire.ami.AmiMessage;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Pbx} port over one Asterisk's manager interface (AMI), through Cobra's own Netty AMI codec.
 *
 * <p><b>Why not asterisk-java.</b> Its reader drops events when its 20,000-event dispatch queue fills (a lost
 * Hangup is a stuck call), builds each event by reflection (~14.5 KB allocated per event, ~118k events/s at
 * most) and drops unknown UserEvents silently; our decoder did ~534k events/s at 2 KB per event and, being a
 * plain Netty reader, slows the sender instead of losing anything (issue 3's measurements; see
 * {@code dev.cobra.bench.AmiLoadBenchmark} for ours). Actions go over the <em>same</em> session as events: Asterisk
 * answers an action before it emits the events the action causes, so the Originate's queued-Response always
 * precedes its OriginateResponse; over two sessions that order would be lost.
 *
 * <p><b>Events Cobra asks for.</b> Login {@code Events: call,dialplan,user,dtmf} and two legacy include filters
 * ({@link #FILTERS}): the call-progress events by name, the {@code VarSet} of {@code NEXT_STEP} (the IVR hands the
 * caller to an agent: {@link CallEvent.AgentWanted}) and the {@code VarSet} of {@code COBRA_CALL_ID} (set by
 * the Originate on both Local halves) that ties each channel's Uniqueid to our call. Everything else
 * (Newexten, the other VarSets, DeviceStateChange...) stays on the PBX.
 *
 * <p><b>Correlation.</b> Async Originate only, ActionID {@code o-<callId>}. Channels join a call through the
 * COBRA_CALL_ID VarSet (Uniqueid, channel name; {@code ;1} is the half that runs Cobra's landing context, {@code ;2}
 * the callee) or the success OriginateResponse's Uniqueid. Failure OriginateResponses have
 * {@code Uniqueid: <unknown>} and the dial string as Channel, so there only the ActionID counts; the cause comes
 * from the Hangups around it ({@link OriginateFailure} holds the table). A call ends when every channel it owns
 * has hung up.
 *
 * <p><b>Connection loss.</b> The session is reopened with exponential backoff and jitter; while down
 * {@link #available()} is false, the listener is told, queued originates end NOT_PLACED, and nothing is ever
 * re-sent (no call is dialed twice). After login, in-flight calls are reconciled with CoreShowChannels (and
 * Getvar COBRA_CALL_ID on channels nobody claimed): still up = reattached (their OriginateResponse is gone with
 * the old session, so an Up ;1 means answered and the Hangup cause alone decides a failure), gone = {@link
 * CallEvent.Lost}. The same audit runs every {@link AsteriskSettings#auditInterval()}, and every call has a guard
 * (ring timeout + grace): no call stays open forever.
 *
 * <p><b>Agent legs.</b> {@link #openAgentLeg} originates the agent's endpoint (ActionID {@code a-<agentId>-<n>})
 * into {@link DialplanContexts#agent()} with exten = agent id, where it waits in a {@code Wait()} loop (variant C of
 * the traces, {@code ami-agent-session-bridge-action.txt}). The success OriginateResponse's Uniqueid and Channel are the
 * leg; its Hangup is the leg's end. A hand-off ({@link #move} to {@link Destination.Agent}) is one AMI {@code Bridge}
 * (Channel1 = agent leg, Channel2 = the customer's channel, parked in {@code hold}; Tone=no): no ringing. When the
 * customer hangs up, the agent leaves the bridge and goes on with its loop (it survives); when the agent hangs up, the
 * customer goes on after its {@code Wait(60)} to {@code Hangup}. After a reconnect the legs are checked against
 * CoreShowChannels like calls: a leg whose Uniqueid is gone is reported down; a leg whose OriginateResponse was lost
 * with the old session is found by its context and exten (= agent id), or, still ringing (not in the dialplan yet), by
 * Getvar {@code COBRA_AGENT_ID} and then followed by its Uniqueid (Newstate Up: up; Hangup or no answer within the ring
 * timeout: down); only a leg found nowhere is reported down. After a dialer restart, {@link #findAgentLegs} lists the
 * legs in the agent context, and {@link #adoptAgentLeg} / {@link #hangUpAgentLeg} settle them.
 *
 * <p><b>Threading.</b> One Netty event loop owns all state; the public methods hand work to it and return. Listener
 * callbacks run on that loop, in order per call. Limits: concurrent calls and originates per second per server
 * ({@link AsteriskServer}), a bounded originate queue, bounded pending AMI actions each with a timeout. Every limit
 * hit is counted ({@link #stats()}) and logged. Phone numbers never reach a log line ({@link Mask#digits}).
 */
public final class AsteriskPbx implements Pbx, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AsteriskPbx.class);
    static final String CALL_ID_VARIABLE = "COBRA_CALL_ID";
    /** Set by the IVR (AgiCaller.transfer); {@code agent} means the caller waits in hold for an agent. */
    static final String NEXT_STEP_VARIABLE = "NEXT_STEP";
    private static final int MAX_REMEMBERED_LOST_CALLS = 10_000;
    static final String EVENT_MASK = "call,dialplan,user,dtmf";
    static final List<String> FILTERS = List.of(
            "Event: (Newstate|DialState|OriginateResponse|Hangup|UserEvent|DTMFEnd|BridgeEnter)",
            "Variable: (" + CALL_ID_VARIABLE + "|AMDSTATUS|AMDCAUSE|" + NEXT_STEP_VARIABLE + ")");
    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void onCallEvent(CallEvent event) {}

        @Override
        public void onAvailability(String pbx, boolean available) {}
    };

    private enum Phase { QUEUED, SENT, PLACED, ANSWERED, FAILING, ENDED }

    /** One channel of a call (a Local half, or the single PJSIP channel). */
    private static final class Leg {
        final String uniqueid;
        final String name;
        boolean hungUp;
        int cause;

        Leg(String uniqueid, String name) {
            this.uniqueid = uniqueid;
            this.name = name;
        }

        boolean callee() {
            return !name.endsWith(";1");
        }
    }

    /** What the adapter knows of one call; loop thread only. */
    private static final class Track {
        final CallRequest request;
        final String actionId;
        final Map<String, Leg> legs = new LinkedHashMap<>();
        Phase phase = Phase.QUEUED;
        String originatedUniqueid;
        boolean ringing;
        /** The session the Originate went out on is gone: its OriginateResponse will never come. */
        boolean orphaned;
        int failReason = -1;
        boolean hangupWanted;
        String agentId;
        String amdStatus;
        boolean amdReported;
        boolean agentWanted;
        ScheduledFuture<?> guard;
        ScheduledFuture<?> settle;

        Track(CallRequest request) {
            this.request = request;
            this.actionId = "o-" + request.id().value();
        }

        boolean allHungUp() {
            for (Leg l : legs.values()) {
                if (!l.hungUp) {
                    return false;
                }
            }
            return true;
        }

        Leg primary() {
            Leg first = null;
            for (Leg l : legs.values()) {
                if (l.uniqueid.equals(originatedUniqueid)) {
                    return l;
                }
                if (!l.callee() && first == null) {
                    first = l;
                }
            }
            return first != null ? first : legs.values().stream().findFirst().orElse(null);
        }

        int cause() {
            for (Leg l : legs.values()) {
                if (l.callee() && l.cause != 0) {
                    return l.cause;
                }
            }
            for (Leg l : legs.values()) {
                if (l.cause != 0) {
                    return l.cause;
                }
            }
            return 0;
        }
    }

    /** One agent's nailed-up leg; loop thread only. */
    private static final class AgentLeg {
        final String agentId;
        final String actionId;
        String uniqueid;
        String channel;
        boolean up;
        boolean closeWanted;
        /** Its OriginateResponse went with a lost session: reconciliation finds the channel or ends the leg. */
        boolean orphaned;

        AgentLeg(String agentId, String actionId) {
            this.agentId = agentId;
            this.actionId = actionId;
        }
    }

    /** How long an agent's endpoint may ring before the leg counts as not answered. */
    static final Duration AGENT_RING_TIMEOUT = Duration.ofSeconds(30);
    /** Agent ids usable as an exten of the snippet's {@code _[0-9A-Za-z].} pattern. */
    private static final java.util.regex.Pattern AGENT_EXTEN = java.util.regex.Pattern.compile("[0-9A-Za-z][0-9A-Za-z_.-]{1,63}");
    static final String AGENT_ID_VARIABLE = "COBRA_AGENT_ID";

    private final AsteriskServer server;
    private final AsteriskSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Map<CallId, Track> calls = new HashMap<>();
    private final Map<String, Track> byAction = new HashMap<>();
    private final Map<String, Track> byUniqueid = new HashMap<>();
    private final Map<String, AgentLeg> agentLegs = new HashMap<>();
    private final Map<String, AgentLeg> legByAction = new HashMap<>();
    private final Map<String, AgentLeg> legByUniqueid = new HashMap<>();
    private long legSequence;
    /** The legs up now, for {@link #agentLeg} (read on any thread; written on the loop before the listener hears "up"). */
    private final Map<String, dev.cobra.calls.AgentLeg> legsUp = new java.util.concurrent.ConcurrentHashMap<>();
    /** The channel list of the last {@link #findAgentLegs}: which channels share a bridge with a found leg. Loop only. */
    private List<AmiMessage> lastFound = List.of();
    private final ArrayDeque<Track> rateQueue = new ArrayDeque<>();
    /**
     * Calls we ended without seeing their channels go (guard expired, lost in reconciliation): a channel that shows
     * up later for one of them is hung up, so the PBX keeps no call nobody tracks. Bounded (oldest forgotten).
     */
    private final Map<CallId, Boolean> abandonedOnPbx = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CallId, Boolean> eldest) {
            return size() > MAX_REMEMBERED_LOST_CALLS;
        }
    };
    private final AsteriskStats.Counters counters = new AsteriskStats.Counters();
    private final CompletableFuture<Void> firstSession = new CompletableFuture<>();
    private volatile Listener listener = NO_LISTENER;
    private volatile boolean available;
    private volatile boolean closed;
    private AmiConnection session;
    private int reconnectFailures;
    private long windowStartNanos;
    private int sentInWindow;
    private ScheduledFuture<?> drainTask;
    private ScheduledFuture<?> auditTask;

    public AsteriskPbx(AsteriskServer server, AsteriskSettings settings, Clock clock, RandomGenerator random) {
        this.server = Objects.requireNonNull(server, "server");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.loop = group.next();
    }

    /**
     * Opens the AMI session. The returned future completes when the first session is logged in and ready, or fails
     * with the first error ({@link AmiLoginException} for a refused login); reconnecting goes on in the background
     * either way until {@link #close()}.
     */
    public CompletableFuture<Void> start() {
        loop.execute(this::connect);
        return firstSession;
    }

    @Override
    public String name() {
        return server.name();
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A snapshot of this adapter's counters and gauges (safe from any thread). */
    public AsteriskStats stats() {
        return counters.snapshot(server.name());
    }

    @Override
    public void originate(CallRequest request) {
        Objects.requireNonNull(request, "request");
        loop.execute(() -> admit(request));
    }

    @Override
    public void hangup(CallId id) {
        loop.execute(() -> {
            Track t = calls.get(id);
            if (t == null) {
                return;
            }
            Leg p = t.primary();
            if (p == null || p.hungUp) {
                t.hangupWanted = true;
                return;
            }
            action(t, AmiMessage.of("Action", "Hangup", "Channel", p.name, "Cause", "16"));
        });
    }

    @Override
    public void move(CallId id, Destination destination) {
        Objects.requireNonNull(destination, "destination");
        loop.execute(() -> {
            Track t = calls.get(id);
            Leg p = t == null ? null : t.primary();
            if (p == null || t.phase != Phase.ANSWERED) {
                log.warn("move of call {} to {} ignored: call is {} on {}", id, destination.getClass().getSimpleName(),
                        t == null ? "unknown or ended" : t.phase, server.name());
                return;
            }
            if (destination instanceof Destination.Agent a) {
                bridge(t, p, a.agentId());
                return;
            }
            redirect(t, p, destination);
        });
    }

    private void redirect(Track t, Leg p, Destination destination) {
        String[] target = target(destination);
        action(t, AmiMessage.of("Action", "Redirect", "Channel", p.name, "Context", target[0], "Exten", target[1],
                "Priority", "1"));
    }

    /**
     * Joins the call to the agent's leg with the AMI {@code Bridge} action. Without a leg up on this server (or when
     * Asterisk refuses), the customer hears the information message instead of waiting in silence for nobody.
     */
    private void bridge(Track t, Leg customer, String agentId) {
        AgentLeg leg = agentLegs.get(agentId);
        AmiConnection s = session;
        if (leg == null || !leg.up || leg.closeWanted || s == null) {
            counters.bridgesFailed.increment();
            log.warn("call {} not bridged to agent {} on {}: the agent has no leg up here (leg {}); playing the message",
                    t.request.id(), agentId, server.name(), leg == null ? "none" : leg.up ? "closing" : "opening");
            redirect(t, customer, new Destination.AbandonMessage());
            return;
        }
        t.agentId = agentId;
        s.send(AmiMessage.of("Action", "Bridge", "Channel1", leg.channel, "Channel2", customer.name, "Tone", "no"))
                .whenComplete((r, e) -> {
                    if (e == null && "Success".equalsIgnoreCase(r.valueOr("Response", ""))) {
                        return;
                    }
                    counters.bridgesFailed.increment();
                    log.warn("Bridge of call {} to agent {} failed on {}: {}; playing the message", t.request.id(), agentId,
                            server.name(), e != null ? e.getMessage() : r.valueOr("Message", "(no message)"));
                    Leg p = t.primary();
                    if (t.phase == Phase.ANSWERED && p != null && !p.hungUp) {
                        t.agentId = null;
                        redirect(t, p, new Destination.AbandonMessage());
                    }
                });
    }

    @Override
    public void openAgentLeg(String agentId, String endpoint) {
        if (agentId == null || !AGENT_EXTEN.matcher(agentId).matches()) {
            throw new IllegalArgumentException("agentId: '" + agentId
                    + "' (expected: 2-64 letters, digits, '_', '.', '-', starting with a letter or digit: the dialplan exten)");
        }
        if (endpoint == null || endpoint.indexOf('/') <= 0 || endpoint.chars().anyMatch(c -> c == '\r' || c == '\n' || c == ',')) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: a dial string such as PJSIP/301, one line)");
        }
        loop.execute(() -> {
            if (agentLegs.containsKey(agentId)) {
                log.info("agent {} already has a leg on {}", agentId, server.name());
                return;
            }
            AgentLeg leg = new AgentLeg(agentId, "a-" + agentId + "-" + (++legSequence));
            AmiConnection s = session;
            if (!available || s == null) {
                log.warn("agent {}'s leg not opened: {} is down", agentId, server.name());
                agentLeg(agentId, false);
                return;
            }
            agentLegs.put(agentId, leg);
            legByAction.put(leg.actionId, leg);
            counters.agentLegs.set(agentLegs.size());
            s.send(AmiMessage.builder().add("Action", "Originate").add("Channel", endpoint)
                    .add("Context", settings.contexts().agent()).add("Exten", agentId).add("Priority", "1")
                    .add("CallerID", settings.callerId()).add("Timeout", Long.toString(AGENT_RING_TIMEOUT.toMillis()))
                    .add("Async", "true").add("Variable", AGENT_ID_VARIABLE + "=" + agentId).build(), leg.actionId)
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            // Sent or not, we cannot tell: reconciliation after the reconnect decides.
                            leg.orphaned = true;
                            log.warn("agent {}'s leg originate on {} got no response: {}", agentId, server.name(), e.getMessage());
                        } else if (!"Success".equalsIgnoreCase(r.valueOr("Response", ""))) {
                            log.warn("agent {}'s leg refused by {}: {} (context {})", agentId, server.name(),
                                    r.valueOr("Message", "(no message)"), settings.contexts().agent());
                            legDown(leg);
                        }
                    });
        });
    }

    @Override
    public void closeAgentLeg(String agentId) {
        loop.execute(() -> {
            AgentLeg leg = agentLegs.get(agentId);
            if (leg == null) {
                return;
            }
            leg.closeWanted = true;
            hangUpLeg(leg);
        });
    }

    @Override
    public java.util.Optional<dev.cobra.calls.AgentLeg> agentLeg(String agentId) {
        return java.util.Optional.ofNullable(legsUp.get(agentId));
    }

    /**
     * The channels in the agent context ({@link DialplanContexts#agent()}) whose exten is an agent id, from one
     * CoreShowChannels: every agent leg on this server, whichever node opened it. Fails when the session is down.
     */
    @Override
    public CompletableFuture<List<dev.cobra.calls.AgentLeg>> findAgentLegs() {
        CompletableFuture<List<dev.cobra.calls.AgentLeg>> out = new CompletableFuture<>();
        loop.execute(() -> {
            AmiConnection s = session;
            if (s == null) {
                out.completeExceptionally(new AmiException("agent legs not listed: AMI session to " + server.describe() + " is down"));
                return;
            }
            s.sendList(AmiMessage.of("Action", "CoreShowChannels"), "CoreShowChannelsComplete").whenComplete((items, e) -> {
                if (e != null) {
                    out.completeExceptionally(e);
                    return;
                }
                loop.execute(() -> {
                    lastFound = List.copyOf(items);
                    List<dev.cobra.calls.AgentLeg> legs = new ArrayList<>();
                    for (AmiMessage m : items) {
                        String exten = m.valueOr("Exten", "");
                        if (settings.contexts().agent().equals(m.valueOr("Context", "")) && AGENT_EXTEN.matcher(exten).matches()) {
                            legs.add(new dev.cobra.calls.AgentLeg(server.name(), exten, m.valueOr("Channel", ""), m.valueOr("Uniqueid", "")));
                        }
                    }
                    out.complete(List.copyOf(legs));
                });
            });
        });
        return out;
    }

    /** Tracks a found leg as this adapter's own, up: its Hangup is the leg's end, closeAgentLeg hangs it up. */
    @Override
    public void adoptAgentLeg(dev.cobra.calls.AgentLeg found) {
        loop.execute(() -> {
            if (agentLegs.containsKey(found.agentId())) {
                log.warn("agent {}'s leg {} not adopted on {}: the agent already has a leg here", found.agentId(), found.channel(),
                        server.name());
                return;
            }
            AgentLeg leg = new AgentLeg(found.agentId(), "adopted-" + found.agentId() + "-" + (++legSequence));
            agentLegs.put(found.agentId(), leg);
            counters.agentLegs.set(agentLegs.size());
            log.info("agent {}'s leg {} adopted on {} (opened by this node's previous run)", found.agentId(), found.channel(),
                    server.name());
            legUp(leg, found.uniqueid(), found.channel());
        });
    }

    /**
     * Hangs up a found leg and the channels bridged to it (same BridgeId in the last listing): a call the previous run
     * bridged to the agent, which nobody follows now, is not left in a dead bridge.
     */
    @Override
    public void hangUpAgentLeg(dev.cobra.calls.AgentLeg found) {
        loop.execute(() -> {
            AmiConnection s = session;
            if (s == null) {
                log.warn("agent {}'s leg {} not hung up on {}: AMI is down", found.agentId(), found.channel(), server.name());
                return;
            }
            String bridge = "";
            for (AmiMessage m : lastFound) {
                if (found.uniqueid().equals(m.valueOr("Uniqueid", ""))) {
                    bridge = m.valueOr("BridgeId", "");
                }
            }
            List<String> channels = new ArrayList<>(List.of(found.channel()));
            for (AmiMessage m : lastFound) {
                if (!bridge.isEmpty() && bridge.equals(m.valueOr("BridgeId", "")) && !found.uniqueid().equals(m.valueOr("Uniqueid", ""))) {
                    channels.add(m.valueOr("Channel", ""));
                }
            }
            log.info("agent {}'s leg {} hung up on {} ({} channel(s) bridged to it)", found.agentId(), found.channel(), server.name(),
                    channels.size() - 1);
            for (String channel : channels) {
                s.send(AmiMessage.of("Action", "Hangup", "Channel", channel, "Cause", "16")).whenComplete((r, e) -> {
                    if (e != null || !"Success".equalsIgnoreCase(r.valueOr("Response", ""))) {
                        log.warn("Hangup of {} on {} failed: {}", channel, server.name(),
                                e != null ? e.getMessage() : r.valueOr("Message", "(no message)"));
                    }
                });
            }
        });
    }

    /** Hangs up a leg that is up; one still opening is hung up when its answer arrives (or found in reconciliation). */
    private void hangUpLeg(AgentLeg leg) {
        AmiConnection s = session;
        if (leg.channel == null || s == null) {
            return;
        }
        s.send(AmiMessage.of("Action", "Hangup", "Channel", leg.channel, "Cause", "16")).whenComplete((r, e) -> {
            if (e != null || !"Success".equalsIgnoreCase(r.valueOr("Response", ""))) {
                log.warn("Hangup of agent {}'s leg on {} failed: {}", leg.agentId, server.name(),
                        e != null ? e.getMessage() : r.valueOr("Message", "(no message)"));
            }
        });
    }

    /** The leg answered (OriginateResponse Success, or found in reconciliation). */
    private void legUp(AgentLeg leg, String uniqueid, String channel) {
        leg.uniqueid = uniqueid;
        leg.channel = channel;
        leg.up = true;
        leg.orphaned = false;
        legByUniqueid.put(uniqueid, leg);
        if (leg.closeWanted) {
            hangUpLeg(leg);
            return;
        }
        legsUp.put(leg.agentId, new dev.cobra.calls.AgentLeg(server.name(), leg.agentId, channel, uniqueid));
        log.info("agent {}'s leg is up on {}", leg.agentId, server.name());
        agentLeg(leg.agentId, true);
    }

    /** The leg is gone (refused, not answered, hung up, or missing after a reconnect): reported once. */
    private void legDown(AgentLeg leg) {
        if (agentLegs.get(leg.agentId) != leg) {
            return;
        }
        agentLegs.remove(leg.agentId);
        legsUp.remove(leg.agentId);
        legByAction.remove(leg.actionId);
        counters.agentLegs.set(agentLegs.size());
        if (!leg.closeWanted) {
            counters.agentLegsDropped.increment();
        }
        if (leg.uniqueid != null) {
            legByUniqueid.remove(leg.uniqueid);
        }
        log.info("agent {}'s leg is down on {}{}", leg.agentId, server.name(), leg.closeWanted ? " (closed by Cobra)" : "");
        agentLeg(leg.agentId, false);
    }

    private void agentLeg(String agentId, boolean up) {
        try {
            listener.onAgentLeg(server.name(), agentId, up);
        } catch (RuntimeException ex) {
            log.error("listener failed on agent {}'s leg going {} on {}", agentId, up ? "up" : "down", server.name(), ex);
        }
    }

    @Override
    public void setVariable(CallId id, String name, String value) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}") || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("variable: '" + name + "' (expected: a channel variable name, one-line value)");
        }
        loop.execute(() -> {
            Track t = calls.get(id);
            Leg p = t == null ? null : t.primary();
            if (p == null) {
                log.warn("setVariable {} on call {} ignored: no live channel on {}", name, id, server.name());
                return;
            }
            action(t, AmiMessage.of("Action", "Setvar", "Channel", p.name, "Variable", name, "Value", value));
        });
    }

    /** Stops the adapter; calling it again does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            available = false;
            if (session != null) {
                session.close();
            }
            done.complete(null);
        });
        try {
            done.get(settings.actionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("closing {} did not finish within {}ms", server.describe(), settings.actionTimeout().toMillis());
        }
        group.shutdownGracefully(0, settings.actionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(settings.actionTimeout().toMillis() * 2);
    }

    // ------------------------------------------------------------------ originate

    private void admit(CallRequest request) {
        if (calls.containsKey(request.id())) {
            counters.duplicateOriginates.increment();
            log.error("originate of call {} ignored: that call id is already in flight on {} (duplicates so far: {})",
                    request.id(), server.name(), counters.duplicateOriginates.sum());
            return;
        }
        if (!available) {
            refuse(request, counters.refusedDown, "PBX down");
            return;
        }
        if (calls.size() >= server.maxConcurrentCalls()) {
            refuse(request, counters.refusedConcurrency, "maxConcurrentCalls " + server.maxConcurrentCalls() + " reached");
            return;
        }
        Track t = new Track(request);
        if (takePermit()) {
            register(t);
            send(t);
        } else if (rateQueue.size() < server.maxOriginatesPerSecond()) {
            counters.rateDelayed.increment();
            register(t);
            rateQueue.add(t);
            scheduleDrain();
        } else {
            refuse(request, counters.refusedRate, "maxOriginatesPerSecond " + server.maxOriginatesPerSecond()
                    + " reached and " + rateQueue.size() + " originates already waiting");
        }
    }

    private void register(Track t) {
        calls.put(t.request.id(), t);
        byAction.put(t.actionId, t);
        counters.inFlight.set(calls.size());
    }

    private void refuse(CallRequest request, java.util.concurrent.atomic.LongAdder counter, String why) {
        counter.increment();
        log.warn("originate of call {} refused on {}: {} (inFlight={}, refused for this reason so far: {})", request.id(),
                server.name(), why, calls.size(), counter.sum());
        emit(new CallEvent.NotAnswered(request.id(), clock.instant(), CallEvent.NoAnswerReason.NOT_PLACED, 0));
    }

    private boolean takePermit() {
        long now = System.nanoTime();
        if (now - windowStartNanos >= 1_000_000_000L) {
            windowStartNanos = now;
            sentInWindow = 0;
        }
        if (sentInWindow < server.maxOriginatesPerSecond()) {
            sentInWindow++;
            return true;
        }
        return false;
    }

    private void scheduleDrain() {
        if (drainTask != null && !drainTask.isDone()) {
            return;
        }
        long waitNanos = Math.max(1_000_000L, 1_000_000_000L - (System.nanoTime() - windowStartNanos));
        drainTask = loop.schedule(() -> {
            while (!rateQueue.isEmpty() && takePermit()) {
                Track t = rateQueue.poll();
                if (available) {
                    send(t);
                } else {
                    end(t, new CallEvent.NotAnswered(t.request.id(), clock.instant(), CallEvent.NoAnswerReason.NOT_PLACED, 0));
                }
            }
            if (!rateQueue.isEmpty()) {
                scheduleDrain();
            }
        }, waitNanos, TimeUnit.NANOSECONDS);
    }

    /** The Redirect target of a destination other than an agent (agents are joined by {@link #bridge}). */
    private String[] target(Destination d) {
        DialplanContexts c = settings.contexts();
        if (d instanceof Destination.Ivr) {
            return new String[] {c.landing(), c.ivrExten()};
        }
        if (d instanceof Destination.Hold) {
            return new String[] {c.landing(), c.holdExten()};
        }
        return new String[] {c.abandon(), "s"};
    }

    private void send(Track t) {
        CallRequest r = t.request;
        String channel;
        try {
            channel = settings.dialString().dial(r.number());
        } catch (IllegalArgumentException e) {
            log.warn("originate of call {} not placed on {}: {} ({})", r.id(), server.name(), e.getMessage(), Mask.digits(r.number()));
            end(t, new CallEvent.NotAnswered(r.id(), clock.instant(), CallEvent.NoAnswerReason.NOT_PLACED, 0));
            return;
        }
        String[] target = target(r.onAnswer());
        AmiMessage.Builder b = AmiMessage.builder().add("Action", "Originate").add("Channel", channel)
                .add("Context", target[0]).add("Exten", target[1]).add("Priority", "1")
                .add("CallerID", r.callerId() == null || r.callerId().isBlank() ? settings.callerId() : r.callerId())
                .add("Timeout", Long.toString(r.ringTimeout().toMillis())).add("Async", "true")
                .add("Variable", CALL_ID_VARIABLE + "=" + r.id().value());
        if (r.onAnswer() instanceof Destination.Ivr ivr) {
            b.add("Variable", "COBRA_IVR=" + ivr.name());
        }
        r.variables().forEach((k, v) -> b.add("Variable", k + "=" + v));
        t.phase = Phase.SENT;
        counters.originatesSent.increment();
        t.guard = loop.schedule(() -> guardExpired(t), r.ringTimeout().plus(settings.originateGrace()).toMillis(),
                TimeUnit.MILLISECONDS);
        AmiConnection s = session;
        if (s == null) {
            end(t, new CallEvent.NotAnswered(r.id(), clock.instant(), CallEvent.NoAnswerReason.NOT_PLACED, 0));
            return;
        }
        s.send(b.build(), t.actionId).whenComplete((resp, err) -> {
            if (t.phase == Phase.ENDED) {
                return;
            }
            if (err != null) {
                // Sent or not, we cannot tell: never re-send; the reconnect reconciliation or the guard decides.
                t.orphaned = true;
                log.warn("originate of call {} on {} got no response: {}", r.id(), server.name(), err.getMessage());
            } else if ("Success".equalsIgnoreCase(resp.valueOr("Response", ""))) {
                if (t.phase == Phase.SENT) {
                    t.phase = Phase.PLACED;
                }
                emit(new CallEvent.Dialing(r.id(), clock.instant()));
            } else {
                counters.originatesRejected.increment();
                log.warn("originate of call {} rejected by {}: {} (channel template {}, context {},{})", r.id(),
                        server.name(), resp.valueOr("Message", "(no message)"), settings.dialString().template(),
                        target[0], target[1]);
                end(t, new CallEvent.NotAnswered(r.id(), clock.instant(), CallEvent.NoAnswerReason.NOT_PLACED, 0));
            }
        });
    }

    private void guardExpired(Track t) {
        if (t.phase == Phase.ENDED || t.phase == Phase.ANSWERED) {
            return;
        }
        counters.guardExpired.increment();
        log.warn("call {} on {}: no answer or failure within ring timeout {}s + grace {}s (phase {}, channels {}); ending it"
                        + " as lost", t.request.id(), server.name(), t.request.ringTimeout().toSeconds(),
                settings.originateGrace().toSeconds(), t.phase, t.legs.size());
        for (Leg l : t.legs.values()) {
            if (!l.hungUp && !l.callee()) {
                action(t, AmiMessage.of("Action", "Hangup", "Channel", l.name, "Cause", "16"));
            }
        }
        end(t, new CallEvent.Lost(t.request.id(), clock.instant()));
    }

    private void action(Track t, AmiMessage action) {
        AmiConnection s = session;
        if (s == null) {
            log.warn("{} for call {} not sent: {} is down", action.valueOr("Action", "?"), t.request.id(), server.name());
            return;
        }
        s.send(action).whenComplete((r, e) -> {
            if (e != null || !"Success".equalsIgnoreCase(r.valueOr("Response", ""))) {
                counters.actionsFailed.increment();
                log.warn("{} for call {} failed on {}: {}", action.valueOr("Action", "?"), t.request.id(), server.name(),
                        e != null ? e.getMessage() : r.valueOr("Message", "(no message)"));
            }
        });
    }

    // ------------------------------------------------------------------ events

    private void onEvent(AmiMessage e) {
        counters.events.increment();
        String name = e.valueOr("Event", "");
        switch (name) {
            case "VarSet":
                onVarSet(e);
                break;
            case "Newstate": {
                AgentLeg leg = legByUniqueid.get(e.valueOr("Uniqueid", ""));
                if (leg != null) {
                    if (!leg.up && "6".equals(e.valueOr("ChannelState", ""))) {
                        legUp(leg, leg.uniqueid, leg.channel); // a leg found ringing after a reconnect answered
                    }
                    break;
                }
                Track t = byUniqueid.get(e.valueOr("Uniqueid", ""));
                if (t == null) {
                    break;
                }
                String state = e.valueOr("ChannelState", "");
                if (state.equals("5")) {
                    ringing(t);
                } else if (state.equals("6") && t.orphaned && !t.legs.get(e.value("Uniqueid")).callee()) {
                    answered(t);
                }
                break;
            }
            case "DialState": {
                Track t = byUniqueid.get(e.valueOr("Uniqueid", ""));
                if (t != null && "RINGING".equalsIgnoreCase(e.valueOr("DialStatus", ""))) {
                    ringing(t);
                }
                break;
            }
            case "OriginateResponse":
                onOriginateResponse(e);
                break;
            case "Hangup":
                onHangup(e);
                break;
            case "UserEvent":
                if ("DialerAMD".equalsIgnoreCase(e.valueOr("UserEvent", ""))) {
                    Track t = byUniqueid.get(e.valueOr("Uniqueid", ""));
                    if (t != null) {
                        amd(t, e.valueOr("AmdStatus", ""), e.valueOr("AmdCause", ""));
                    }
                }
                break;
            case "DTMFEnd": {
                Track t = byUniqueid.get(e.valueOr("Uniqueid", ""));
                String digit = e.valueOr("Digit", "");
                if (t != null && digit.length() == 1 && "Received".equalsIgnoreCase(e.valueOr("Direction", "Received"))
                        && !t.legs.get(e.value("Uniqueid")).callee()) {
                    emit(new CallEvent.Dtmf(t.request.id(), clock.instant(), digit.charAt(0)));
                }
                break;
            }
            case "BridgeEnter": {
                Track t = byUniqueid.get(e.valueOr("Uniqueid", ""));
                if (t != null && t.agentId != null && t.phase == Phase.ANSWERED) {
                    emit(new CallEvent.Bridged(t.request.id(), clock.instant(), t.agentId));
                }
                break;
            }
            default:
                break;
        }
    }

    /**
     * VarSet: COBRA_CALL_ID ties a channel to its call; AMDSTATUS then AMDCAUSE (set by AMD() on the ;1 half) give
     * the verdict. The traces show AMDSTATUS=HANGUP (callee hung up while AMD listened) only as VarSets: the
     * dialplan's UserEvent DialerAMD never runs then, so both sources are read and the first one wins.
     */
    private void onVarSet(AmiMessage e) {
        String variable = e.valueOr("Variable", "");
        if (CALL_ID_VARIABLE.equals(variable)) {
            Track t = byCallIdValue(e.valueOr("Value", ""));
            if (t != null) {
                addLeg(t, e.value("Uniqueid"), e.value("Channel"));
            } else {
                hangUpIfAbandoned(e.valueOr("Value", ""), e.valueOr("Channel", ""));
            }
            return;
        }
        Track t = byUniqueid.get(e.valueOr("Uniqueid", ""));
        if (t == null) {
            return;
        }
        if (variable.equals(NEXT_STEP_VARIABLE)) {
            if ("agent".equals(e.valueOr("Value", "")) && !t.agentWanted && t.phase == Phase.ANSWERED
                    && !t.legs.get(e.value("Uniqueid")).callee()) {
                t.agentWanted = true;
                emit(new CallEvent.AgentWanted(t.request.id(), clock.instant()));
            }
        } else if (variable.equals("AMDSTATUS")) {
            t.amdStatus = e.valueOr("Value", "");
        } else if (variable.equals("AMDCAUSE") && t.amdStatus != null) {
            amd(t, t.amdStatus, e.valueOr("Value", ""));
        }
    }

    private void amd(Track t, String status, String cause) {
        if (!t.amdReported) {
            t.amdReported = true;
            emit(new CallEvent.Amd(t.request.id(), clock.instant(), amdVerdict(status), cause));
        }
    }

    private void hangUpIfAbandoned(String callIdValue, String channel) {
        CallId id;
        try {
            id = new CallId(callIdValue);
        } catch (IllegalArgumentException notOurs) {
            return;
        }
        AmiConnection s = session;
        if (s != null && !channel.endsWith(";2") && abandonedOnPbx.containsKey(id)) {
            counters.lateChannelsHungUp.increment();
            log.warn("call {} was already ended as lost, but its channel appeared on {}: hanging it up", id, server.name());
            s.send(AmiMessage.of("Action", "Hangup", "Channel", channel, "Cause", "16"));
        }
    }

    private Track byCallIdValue(String value) {
        try {
            return calls.get(new CallId(value));
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static CallEvent.AmdVerdict amdVerdict(String status) {
        switch (status.toUpperCase(java.util.Locale.ROOT)) {
            case "HUMAN":
                return CallEvent.AmdVerdict.HUMAN;
            case "MACHINE":
                return CallEvent.AmdVerdict.MACHINE;
            case "HANGUP":
                return CallEvent.AmdVerdict.HANGUP;
            default:
                return CallEvent.AmdVerdict.NOT_SURE;
        }
    }

    private void addLeg(Track t, String uniqueid, String channel) {
        if (uniqueid == null || channel == null || uniqueid.startsWith("<") || t.legs.containsKey(uniqueid)) {
            return;
        }
        t.legs.put(uniqueid, new Leg(uniqueid, channel));
        byUniqueid.put(uniqueid, t);
        if (t.hangupWanted && !channel.endsWith(";2")) {
            t.hangupWanted = false;
            action(t, AmiMessage.of("Action", "Hangup", "Channel", channel, "Cause", "16"));
        }
    }

    private void ringing(Track t) {
        if (!t.ringing && (t.phase == Phase.SENT || t.phase == Phase.PLACED)) {
            t.ringing = true;
            emit(new CallEvent.Ringing(t.request.id(), clock.instant()));
        }
    }

    private void onOriginateResponse(AmiMessage e) {
        AgentLeg leg = legByAction.get(e.valueOr("ActionID", ""));
        if (leg != null) {
            if ("Success".equalsIgnoreCase(e.valueOr("Response", "")) && !leg.up) {
                legUp(leg, e.valueOr("Uniqueid", ""), e.valueOr("Channel", ""));
            } else if (!leg.up) {
                log.warn("agent {}'s endpoint did not answer on {} (reason {})", leg.agentId, server.name(),
                        e.valueOr("Reason", "?"));
                legDown(leg);
            }
            return;
        }
        Track t = byAction.get(e.valueOr("ActionID", ""));
        if (t == null || t.phase == Phase.ENDED) {
            return;
        }
        if ("Success".equalsIgnoreCase(e.valueOr("Response", ""))) {
            t.originatedUniqueid = e.value("Uniqueid");
            addLeg(t, e.value("Uniqueid"), e.value("Channel"));
            answered(t);
            return;
        }
        int reason;
        try {
            reason = Integer.parseInt(e.valueOr("Reason", "0").trim());
        } catch (NumberFormatException bad) {
            reason = 0;
        }
        t.failReason = reason;
        t.phase = Phase.FAILING;
        if (t.legs.isEmpty() || t.allHungUp()) {
            finishFailure(t);
        } else {
            t.settle = loop.schedule(() -> finishFailure(t), settings.failureSettle().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void answered(Track t) {
        if (t.phase == Phase.ANSWERED || t.phase == Phase.ENDED) {
            return;
        }
        t.phase = Phase.ANSWERED;
        Instant at = clock.instant();
        emit(new CallEvent.Answered(t.request.id(), at));
        if (isTrue(t.request.variables().get(RecordingSettings.FLAG))) {
            startRecording(t, at);
        }
    }

    private static boolean isTrue(String v) {
        return v != null && (v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true") || v.equals("1"));
    }

    private void startRecording(Track t, Instant answeredAt) {
        Leg p = t.primary();
        AmiConnection s = session;
        if (p == null || s == null) {
            counters.recordingsFailed.increment();
            log.warn("recording of call {} not started on {}: no channel or session", t.request.id(), server.name());
            return;
        }
        String path = settings.recording().path(t.request.id().value(), answeredAt);
        s.send(AmiMessage.of("Action", "MixMonitor", "Channel", p.name, "File", path)).whenComplete((r, e) -> {
            if (e == null && "Success".equalsIgnoreCase(r.valueOr("Response", ""))) {
                counters.recordingsStarted.increment();
                emit(new CallEvent.Recording(t.request.id(), clock.instant(), path));
            } else {
                counters.recordingsFailed.increment();
                log.warn("MixMonitor for call {} failed on {}: {} (recording failures so far: {})", t.request.id(),
                        server.name(), e != null ? e.getMessage() : r.valueOr("Message", "(no message)"),
                        counters.recordingsFailed.sum());
            }
        });
    }

    private void onHangup(AmiMessage e) {
        String uniqueid = e.valueOr("Uniqueid", "");
        AgentLeg leg = legByUniqueid.get(uniqueid);
        if (leg != null) {
            legDown(leg);
            return;
        }
        Track t = byUniqueid.get(uniqueid);
        if (t == null) {
            return;
        }
        Leg l = t.legs.get(uniqueid);
        l.hungUp = true;
        try {
            l.cause = Integer.parseInt(e.valueOr("Cause", "0").trim());
        } catch (NumberFormatException bad) {
            l.cause = 0;
        }
        if (t.allHungUp()) {
            callGone(t);
        }
    }

    /** Every channel of the call is gone: decide how it ended. */
    private void callGone(Track t) {
        if (t.phase == Phase.ANSWERED) {
            end(t, new CallEvent.HungUp(t.request.id(), clock.instant(), t.cause()));
        } else if (t.phase == Phase.FAILING) {
            finishFailure(t);
        } else if (t.orphaned) {
            OriginateFailure f = OriginateFailure.fromCause(t.cause());
            end(t, new CallEvent.NotAnswered(t.request.id(), clock.instant(), f.reason(), f.cause()));
        }
        // else: the OriginateResponse is still to come on this session (it follows the Hangups in some traces).
    }

    private void finishFailure(Track t) {
        if (t.phase == Phase.ENDED) {
            return;
        }
        OriginateFailure f = OriginateFailure.of(t.failReason, t.cause());
        end(t, new CallEvent.NotAnswered(t.request.id(), clock.instant(), f.reason(), f.cause()));
    }

    private void end(Track t, CallEvent last) {
        if (t.phase == Phase.ENDED) {
            return;
        }
        t.phase = Phase.ENDED;
        calls.remove(t.request.id());
        byAction.remove(t.actionId);
        for (String u : t.legs.keySet()) {
            byUniqueid.remove(u);
        }
        if (t.guard != null) {
            t.guard.cancel(false);
        }
        if (t.settle != null) {
            t.settle.cancel(false);
        }
        counters.inFlight.set(calls.size());
        counters.ended.increment();
        if (last instanceof CallEvent.Lost) {
            abandonedOnPbx.put(t.request.id(), Boolean.TRUE);
        }
        emit(last);
    }

    private void emit(CallEvent e) {
        try {
            listener.onCallEvent(e);
        } catch (RuntimeException ex) {
            log.error("listener failed on {} for call {}", e.getClass().getSimpleName(), e.callId(), ex);
        }
    }

    // ------------------------------------------------------------------ session, reconnect, reconciliation

    private void connect() {
        if (closed) {
            return;
        }
        AmiConnection c = new AmiConnection(loop, server, settings.actionTimeout(), settings.maxPendingActions(),
                new AmiConnection.Handler() {
                    @Override
                    public void onEvent(AmiMessage event) {
                        AsteriskPbx.this.onEvent(event);
                    }

                    @Override
                    public void onClosed(AmiConnection connection, Throwable cause) {
                        sessionClosed(connection);
                    }
                });
        c.open(settings.connectTimeout(), EVENT_MASK, FILTERS).whenComplete((v, e) -> {
            if (e != null) {
                reconnectFailures++;
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof AmiLoginException) {
                    log.error("{} (attempt {})", cause.getMessage(), reconnectFailures);
                } else {
                    log.warn("AMI session to {} not opened (attempt {}): {}", server.describe(), reconnectFailures,
                            cause.getMessage());
                }
                firstSession.completeExceptionally(cause);
                c.close();
                scheduleReconnect();
                return;
            }
            session = c;
            boolean reconnect = reconnectFailures > 0 || counters.sessions.sum() > 0;
            counters.sessions.increment();
            reconnectFailures = 0;
            log.info("AMI session to {} ready{} (calls in flight: {})", server.describe(), reconnect ? " again" : "",
                    calls.size());
            reconcile(c, true).whenComplete((r, err) -> {
                if (session != c) {
                    return;
                }
                setAvailable(true);
                firstSession.complete(null);
                scheduleAudit();
            });
        });
    }

    private void sessionClosed(AmiConnection c) {
        if (session != c) {
            return;
        }
        session = null;
        counters.disconnects.increment();
        setAvailable(false);
        if (auditTask != null) {
            auditTask.cancel(false);
        }
        while (!rateQueue.isEmpty()) {
            Track t = rateQueue.poll();
            end(t, new CallEvent.NotAnswered(t.request.id(), clock.instant(), CallEvent.NoAnswerReason.NOT_PLACED, 0));
        }
        for (Track t : calls.values()) {
            t.orphaned = true;
        }
        for (AgentLeg leg : agentLegs.values()) {
            leg.orphaned = !leg.up;
        }
        if (closed) {
            log.info("AMI session to {} closed ({} calls in flight left to the PBX)", server.describe(), calls.size());
            return;
        }
        log.warn("AMI session to {} lost with {} calls in flight; dialing paused, reconnecting", server.describe(), calls.size());
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long min = settings.reconnectMin().toMillis();
        long max = settings.reconnectMax().toMillis();
        long base = Math.min(max, min << Math.min(20, Math.max(0, reconnectFailures - 1)));
        long delay = Math.max(1, (long) (base * (0.8 + 0.4 * random.nextDouble())));
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void setAvailable(boolean up) {
        if (available == up) {
            return;
        }
        available = up;
        try {
            listener.onAvailability(server.name(), up);
        } catch (RuntimeException ex) {
            log.error("listener failed on availability of {}", server.name(), ex);
        }
    }

    private void scheduleAudit() {
        if (auditTask != null) {
            auditTask.cancel(false);
        }
        long ms = settings.auditInterval().toMillis();
        auditTask = loop.scheduleWithFixedDelay(() -> {
            AmiConnection s = session;
            if (s != null && (!calls.isEmpty() || !agentLegs.isEmpty())) {
                reconcile(s, false);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Checks the calls in flight against the PBX's channel list. After a reconnect ({@code full}) every call that
     * was sent is checked, channels nobody claimed are asked for COBRA_CALL_ID, and calls with no channel left are
     * Lost. The periodic audit only ends calls whose known channels are all gone (a Hangup that never arrived).
     */
    private CompletableFuture<Void> reconcile(AmiConnection s, boolean full) {
        if (calls.isEmpty() && agentLegs.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Set<Track> checked = new HashSet<>();
        for (Track t : calls.values()) {
            if (t.phase != Phase.QUEUED && (full || !t.legs.isEmpty())) {
                checked.add(t);
            }
        }
        return s.sendList(AmiMessage.of("Action", "CoreShowChannels"), "CoreShowChannelsComplete")
                .thenCompose(items -> claimUnknown(s, items, checked, full).thenCompose(v -> findRingingLegs(s, items))
                        .thenApply(v -> items))
                .handle((items, err) -> {
                    if (err != null) {
                        log.warn("reconciliation of {} calls on {} failed: {}; the call guards will end them",
                                checked.size(), server.name(), err.getMessage());
                        return null;
                    }
                    Map<String, AmiMessage> listed = new HashMap<>();
                    for (AmiMessage m : items) {
                        listed.put(m.valueOr("Uniqueid", ""), m);
                    }
                    reconcileAgentLegs(items, listed);
                    int reattached = 0;
                    int lost = 0;
                    for (Track t : checked) {
                        if (t.phase == Phase.ENDED) {
                            continue;
                        }
                        boolean up = false;
                        for (Leg l : t.legs.values()) {
                            AmiMessage m = listed.get(l.uniqueid);
                            if (m == null) {
                                l.hungUp = true;
                            } else if (!l.hungUp) {
                                up = true;
                                if (!l.callee() && "6".equals(m.value("ChannelState")) && t.orphaned) {
                                    answered(t);
                                }
                            }
                        }
                        if (up) {
                            reattached++;
                        } else if (full || t.phase == Phase.ANSWERED) {
                            lost++;
                            counters.lostOnReconcile.increment();
                            end(t, new CallEvent.Lost(t.request.id(), clock.instant()));
                        }
                    }
                    counters.reattached.add(reattached);
                    if (full || lost > 0) {
                        log.info("reconciled {} calls on {}: {} still up (reattached), {} gone (lost)", checked.size(),
                                server.name(), reattached, lost);
                    }
                    return null;
                });
    }

    /**
     * Agent legs against the channel list: a leg whose channel is gone is down (its Hangup was lost with the session or
     * never came); a leg whose OriginateResponse was lost is found as the channel running the agent context with its
     * agent id as exten, or is down. A leg Cobra closed while the session was down is hung up now.
     */
    private void reconcileAgentLegs(List<AmiMessage> items, Map<String, AmiMessage> listed) {
        for (AgentLeg leg : new ArrayList<>(agentLegs.values())) {
            if (leg.up) {
                if (!listed.containsKey(leg.uniqueid)) {
                    legDown(leg);
                } else if (leg.closeWanted) {
                    hangUpLeg(leg);
                }
                continue;
            }
            if (!leg.orphaned) {
                continue;
            }
            AmiMessage found = null;
            for (AmiMessage m : items) {
                if (settings.contexts().agent().equals(m.valueOr("Context", "")) && leg.agentId.equals(m.valueOr("Exten", ""))
                        && !legByUniqueid.containsKey(m.valueOr("Uniqueid", ""))) {
                    found = m;
                }
            }
            AmiMessage ringing = leg.uniqueid == null ? null : listed.get(leg.uniqueid);
            if (found != null) {
                legUp(leg, found.valueOr("Uniqueid", ""), found.valueOr("Channel", ""));
            } else if (ringing != null && "6".equals(ringing.valueOr("ChannelState", ""))) {
                legUp(leg, leg.uniqueid, leg.channel);
            } else if (ringing != null) {
                // Still ringing (found by findRingingLegs): its Newstate Up makes it up, its Hangup down; if neither
                // comes within the ring timeout it is hung up, as the lost Originate's Timeout would have.
                log.info("agent {}'s leg is still ringing on {} after the reconnect", leg.agentId, server.name());
                loop.schedule(() -> {
                    if (agentLegs.get(leg.agentId) == leg && !leg.up) {
                        log.warn("agent {}'s leg did not answer within {} s after the reconnect: hung up", leg.agentId,
                                AGENT_RING_TIMEOUT.toSeconds());
                        leg.closeWanted = true;
                        hangUpLeg(leg);
                        legDown(leg);
                    }
                }, AGENT_RING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                legDown(leg);
            }
        }
    }

    /**
     * A leg whose Originate went with the lost session and that is not in the agent context yet may still be ringing:
     * a channel that is not yet in the dialplan (a Local {@code ;1}, a PJSIP channel) shows no agent exten. Such a leg
     * is found by its {@code COBRA_AGENT_ID} (Getvar on the channels nobody claimed; not the {@code ;2} halves) and
     * followed by its Uniqueid from then on.
     */
    private CompletableFuture<Void> findRingingLegs(AmiConnection s, List<AmiMessage> items) {
        Map<String, AgentLeg> wanted = new HashMap<>();
        for (AgentLeg leg : agentLegs.values()) {
            if (!leg.up && leg.orphaned && leg.uniqueid == null) {
                wanted.put(leg.agentId, leg);
            }
        }
        for (AmiMessage m : items) {
            if (settings.contexts().agent().equals(m.valueOr("Context", ""))) {
                wanted.remove(m.valueOr("Exten", ""));
            }
        }
        if (wanted.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> asks = new ArrayList<>();
        for (AmiMessage m : items) {
            String uniqueid = m.valueOr("Uniqueid", "");
            String channel = m.valueOr("Channel", "");
            if (byUniqueid.containsKey(uniqueid) || legByUniqueid.containsKey(uniqueid) || channel.isEmpty() || channel.endsWith(";2")
                    || asks.size() >= settings.maxPendingActions() / 2) {
                continue;
            }
            asks.add(s.send(AmiMessage.of("Action", "Getvar", "Channel", channel, "Variable", AGENT_ID_VARIABLE))
                    .thenAccept(r -> {
                        AgentLeg leg = wanted.remove(r.valueOr("Value", ""));
                        if (leg != null && agentLegs.get(leg.agentId) == leg && !leg.up) {
                            leg.uniqueid = uniqueid;
                            leg.channel = channel;
                            legByUniqueid.put(uniqueid, leg);
                        }
                    }));
        }
        return CompletableFuture.allOf(asks.toArray(new CompletableFuture<?>[0])).exceptionally(e -> null);
    }

    /** Getvar COBRA_CALL_ID on listed channels nobody owns, when some checked call has no channel yet. */
    private CompletableFuture<Void> claimUnknown(AmiConnection s, List<AmiMessage> items, Set<Track> checked, boolean full) {
        if (!full || checked.stream().noneMatch(t -> t.legs.isEmpty())) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> asks = new ArrayList<>();
        for (AmiMessage m : items) {
            String uniqueid = m.valueOr("Uniqueid", "");
            String channel = m.valueOr("Channel", "");
            if (byUniqueid.containsKey(uniqueid) || legByUniqueid.containsKey(uniqueid) || channel.isEmpty() || asks.size() >= settings.maxPendingActions() / 2) {
                continue;
            }
            asks.add(s.send(AmiMessage.of("Action", "Getvar", "Channel", channel, "Variable", CALL_ID_VARIABLE))
                    .thenAccept(r -> {
                        Track t = byCallIdValue(r.valueOr("Value", ""));
                        if (t != null && t.phase != Phase.ENDED) {
                            addLeg(t, uniqueid, channel);
                        }
                    }));
        }
        return CompletableFuture.allOf(asks.toArray(new CompletableFuture<?>[0])).exceptionally(e -> null);
    }

    /** Test and benchmark hook: the event loop that owns this adapter's state. */
    EventLoop loop() {
        return loop;
    }

    /** Calls in flight right now (read on the loop). */
    int inFlight() {
        return (int) counters.inFlight.get();
    }

    /** Malformed frames skipped by the current session (0 when down). */
    long frameErrors() {
        AmiConnection s = session;
        return s == null ? 0 : s.frameErrors();
    }

    Duration actionTimeout() {
        return settings.actionTimeout();
    }
}
