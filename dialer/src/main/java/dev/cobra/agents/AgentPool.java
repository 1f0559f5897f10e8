package dev.cobra.agents;

import dev.cobra.calls.CallId;
import dev.cobra.calls.Disposition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The agents of one dialer node and the hand-off of live calls to them.
 *
 * <p>Owns every {@link Agent}'s state (transitions as in {@link AgentState}) and the call-to-agent map. Invariants,
 * checked on every hand-off: an agent holds at most one call, a call is held by at most one agent, and only ON_CALL
 * agents hold calls. Hand-off picks the READY agent serving the campaign that has been idle longest.
 *
 * <p>Wrap-up is a timer: {@link #callEnded} starts it, {@link #dispose} or {@link #ready} ends it early, and
 * {@link #tick} ends the expired ones (the owner calls it at least every second, or at {@link #nextWrapUpEnd()}).
 *
 * <p>Recovery: the PBX adapters call {@link #agentLegDropped} when an agent's channel hangs up,
 * {@link #reconcile} after a PBX reconnect (with the agent legs and calls the PBX still has), and {@link #resume}
 * after a dialer restart for each agent leg found still up. None of them can leave an agent ON_CALL without a live
 * call, or READY without a leg.
 *
 * <p>Not thread-safe: owned by the core's single event thread. Time comes only from the injected clock.
 */
public final class AgentPool {
    private final Clock clock;
    private final Duration wrapUp;
    private final Set<String> pauseReasons;
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<CallId, Agent> byCall = new HashMap<>();
    private final List<Listener> listeners = new ArrayList<>();

    /**
     * Told after every change of an agent's state (and of a pause asked for during a call), on the core thread, with
     * the live agent: read what you need at once, do not block, do not call back into the pool.
     */
    @FunctionalInterface
    public interface Listener {
        void changed(Agent agent);
    }

    /**
     * @param wrapUp       how long wrap-up lasts unless the agent ends it (a disposition or "ready")
     * @param pauseReasons the configured pause reason codes; any other is refused
     */
    public AgentPool(Clock clock, Duration wrapUp, Set<String> pauseReasons) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (wrapUp.isNegative()) {
            throw new IllegalArgumentException("wrapUp: " + wrapUp + " (expected: >= 0)");
        }
        this.wrapUp = wrapUp;
        this.pauseReasons = Set.copyOf(pauseReasons);
    }

    /** Adds a listener (before the pool is used; not thread-safe, like the rest of the pool). */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed(Agent a) {
        for (Listener l : listeners) {
            l.changed(a);
        }
    }

    /**
     * Logs an agent in, READY. A logged-out agent logging in again with the same campaigns keeps its time totals;
     * with other campaigns it starts afresh.
     */
    public Agent login(String id, Set<String> campaigns) {
        Agent a = agents.get(id);
        if (a == null || !a.campaigns().equals(Set.copyOf(campaigns))) {
            if (a != null && a.state().loggedIn()) {
                throw new IllegalStateException("agent " + id + " is " + a.state() + ": log out before changing campaigns");
            }
            a = new Agent(id, campaigns, now());
            agents.put(id, a);
        }
        a.moveTo(AgentState.READY, now());
        changed(a);
        return a;
    }

    /** READY again, from PAUSED or WRAP_UP (ends the wrap-up early). */
    public Agent ready(String id) {
        Agent a = get(id);
        a.pauseAfterCall(null);
        a.moveTo(AgentState.READY, now());
        a.pauseReason(null);
        a.wrapUpEndsAt(null);
        changed(a);
        return a;
    }

    /**
     * Pauses with a configured reason code. From READY, PREVIEW or WRAP_UP at once; from ON_CALL the pause is remembered and
     * applied when the wrap-up ends.
     */
    public Agent pause(String id, String reason) {
        if (!pauseReasons.contains(reason)) {
            throw new IllegalArgumentException("pause reason: '" + reason + "' (expected one of " + pauseReasons + ")");
        }
        Agent a = get(id);
        if (a.state() == AgentState.ON_CALL) {
            a.pauseAfterCall(reason);
            changed(a);
            return a;
        }
        a.moveTo(AgentState.PAUSED, now());
        a.pauseReason(reason);
        a.wrapUpEndsAt(null);
        changed(a);
        return a;
    }

    /** Logs out. Returns the call the agent held, which the caller must hang up or re-route. */
    public Optional<CallId> logout(String id) {
        Agent a = get(id);
        CallId held = a.call();
        release(a);
        a.moveTo(AgentState.LOGGED_OUT, now());
        a.pauseReason(null);
        a.pauseAfterCall(null);
        a.wrapUpEndsAt(null);
        changed(a);
        return Optional.ofNullable(held);
    }

    /**
     * Hands a live call to the READY agent serving {@code campaign} that has been idle longest, or returns empty if
     * none is ready (the caller then holds the call until {@link #tick} frees someone, or abandons it).
     *
     * @throws IllegalStateException if the call is already held by an agent
     */
    public Optional<Agent> assign(CallId call, String campaign) {
        return assign(call, campaign, a -> true);
    }

    /**
     * As {@link #assign(CallId, String)}, among the agents {@code reachable} accepts (e.g. those whose leg is on the
     * call's PBX server).
     */
    public Optional<Agent> assign(CallId call, String campaign, java.util.function.Predicate<Agent> reachable) {
        if (byCall.containsKey(call)) {
            throw new IllegalStateException("call " + call + " already held by agent " + byCall.get(call).id());
        }
        Agent best = null;
        for (Agent a : agents.values()) {
            if (a.state() == AgentState.READY && a.serves(campaign) && (best == null || a.since().isBefore(best.since()))
                    && reachable.test(a)) {
                best = a;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        hold(best, call);
        return Optional.of(best);
    }

    /**
     * Preview: a debtor is reserved for this READY agent, who now looks at it (READY -&gt; PREVIEW). While previewing the
     * agent is offered no call.
     *
     * @throws IllegalStateException if the agent is not READY
     */
    public Agent preview(String id) {
        Agent a = get(id);
        if (a.state() != AgentState.READY) {
            throw new IllegalStateException("agent " + id + " is " + a.state() + ": only a READY agent can preview a debtor");
        }
        a.moveTo(AgentState.PREVIEW, now());
        changed(a);
        return a;
    }

    /** The agent's preview ended without a call (skipped, timed out, or the campaign stopped): PREVIEW -&gt; READY. */
    public Agent previewEnded(String id) {
        Agent a = get(id);
        if (a.state() != AgentState.PREVIEW) {
            throw new IllegalStateException("agent " + id + " is " + a.state() + ": not previewing");
        }
        a.moveTo(AgentState.READY, now());
        changed(a);
        return a;
    }

    /**
     * The previewing agent dials its debtor: the agent holds {@code call} from now on (PREVIEW -&gt; ON_CALL), so the
     * call, once answered, goes to this agent only, and its end puts the agent in WRAP_UP as any call does.
     *
     * @throws IllegalStateException if the agent is not previewing or the call is held already
     */
    public Agent dialPreview(String id, CallId call) {
        Agent a = get(id);
        if (a.state() != AgentState.PREVIEW) {
            throw new IllegalStateException("agent " + id + " is " + a.state() + ": not previewing, nothing to dial");
        }
        if (byCall.containsKey(call)) {
            throw new IllegalStateException("call " + call + " already held by agent " + byCall.get(call).id());
        }
        hold(a, call);
        return a;
    }

    private void hold(Agent a, CallId call) {
        if (a.call() != null) {
            throw new IllegalStateException("agent " + a.id() + " already on call " + a.call() + ", refused " + call);
        }
        a.moveTo(AgentState.ON_CALL, now());
        a.call(call);
        a.disposition(null);
        byCall.put(call, a);
        changed(a);
    }

    /** The call ended (either side hung up): its agent goes to WRAP_UP. Unknown or replayed calls are ignored. */
    public Optional<Agent> callEnded(CallId call) {
        Agent a = byCall.get(call);
        if (a == null) {
            return Optional.empty();
        }
        release(a);
        a.moveTo(AgentState.WRAP_UP, now());
        a.wrapUpEndsAt(now().plus(wrapUp));
        changed(a);
        return Optional.of(a);
    }

    /**
     * Records the agent's disposition of the last call. During WRAP_UP it also ends the wrap-up (READY, or PAUSED if a
     * pause was asked for during the call); during ON_CALL it is only recorded.
     */
    public Agent dispose(String id, Disposition disposition) {
        Agent a = get(id);
        if (a.state() != AgentState.ON_CALL && a.state() != AgentState.WRAP_UP) {
            throw new IllegalStateException("agent " + id + " is " + a.state() + ": no call to dispose");
        }
        a.disposition(Objects.requireNonNull(disposition, "disposition"));
        if (a.state() == AgentState.WRAP_UP) {
            endWrapUp(a);
        }
        return a;
    }

    /** Ends the wrap-ups whose timer expired. Returns the agents that became READY, longest waiting first. */
    public List<Agent> tick() {
        Instant now = now();
        List<Agent> readied = new ArrayList<>();
        for (Agent a : agents.values()) {
            if (a.state() == AgentState.WRAP_UP && !a.wrapUpEndsAt().isAfter(now)) {
                endWrapUp(a);
                if (a.state() == AgentState.READY) {
                    readied.add(a);
                }
            }
        }
        return readied;
    }

    private void endWrapUp(Agent a) {
        String pause = a.pauseAfterCall();
        a.wrapUpEndsAt(null);
        a.pauseAfterCall(null);
        if (pause != null) {
            a.moveTo(AgentState.PAUSED, now());
            a.pauseReason(pause);
        } else {
            a.moveTo(AgentState.READY, now());
        }
        changed(a);
    }

    /** The earliest wrap-up deadline, if anyone is in wrap-up: when {@link #tick} next has work. */
    public Optional<Instant> nextWrapUpEnd() {
        Instant min = null;
        for (Agent a : agents.values()) {
            if (a.state() == AgentState.WRAP_UP && (min == null || a.wrapUpEndsAt().isBefore(min))) {
                min = a.wrapUpEndsAt();
            }
        }
        return Optional.ofNullable(min);
    }

    /**
     * Recovery hook: the agent's own channel hung up (phone dropped, network). The agent is LOGGED_OUT (it cannot take
     * calls without a leg); the call it held, if any, is returned so the caller can hang it up or re-route it.
     */
    public Optional<CallId> agentLegDropped(String id) {
        Agent a = agents.get(id);
        if (a == null || a.state() == AgentState.LOGGED_OUT) {
            return Optional.empty();
        }
        return logout(id);
    }

    /**
     * Recovery hook after a PBX reconnect (or reconciliation after any doubt): agents whose leg is gone are logged
     * out; ON_CALL agents whose call is gone go to WRAP_UP. Returns the agents whose state changed.
     *
     * @param agentLegsUp the agents whose personal bridge leg the PBX still has
     * @param liveCalls   the calls the PBX still has up
     */
    public List<Agent> reconcile(Set<String> agentLegsUp, Set<CallId> liveCalls) {
        List<Agent> changed = new ArrayList<>();
        for (Agent a : agents.values()) {
            if (!a.state().loggedIn()) {
                continue;
            }
            if (!agentLegsUp.contains(a.id())) {
                logout(a.id());
                changed.add(a);
            } else if (a.state() == AgentState.ON_CALL && !liveCalls.contains(a.call())) {
                callEnded(a.call());
                changed.add(a);
            }
        }
        return changed;
    }

    /**
     * Recovery hook after a dialer restart: the PBX still has this agent's leg, and perhaps a call joined to it.
     * The agent is logged in again (READY) and, if {@code liveCall} is given, put ON_CALL with it.
     */
    public Agent resume(String id, Set<String> campaigns, Optional<CallId> liveCall) {
        Agent a = agents.get(id);
        if (a != null && a.state().loggedIn()) {
            logout(id);
        }
        a = login(id, campaigns);
        if (liveCall.isPresent()) {
            Agent other = byCall.get(liveCall.get());
            if (other != null) {
                throw new IllegalStateException("call " + liveCall.get() + " already held by agent " + other.id()
                        + ", cannot resume it on " + id);
            }
            hold(a, liveCall.get());
        }
        return a;
    }

    private void release(Agent a) {
        if (a.call() != null) {
            byCall.remove(a.call());
            a.call(null);
        }
    }

    private Agent get(String id) {
        Agent a = agents.get(id);
        if (a == null) {
            throw new IllegalArgumentException("unknown agent: " + id);
        }
        return a;
    }

    private Instant now() {
        return clock.instant();
    }

    /** The agent, if it ever logged in. */
    public Optional<Agent> agent(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    /** The agent holding {@code call}, if any. */
    public Optional<Agent> holder(CallId call) {
        return Optional.ofNullable(byCall.get(call));
    }

    /** Every agent ever logged in, in login order. Live view: do not keep across events. */
    public Collection<Agent> agents() {
        return Collections.unmodifiableCollection(agents.values());
    }

    /** How many agents serving {@code campaign} are in {@code state}. */
    public int count(AgentState state, String campaign) {
        int n = 0;
        for (Agent a : agents.values()) {
            if (a.state() == state && a.serves(campaign)) {
                n++;
            }
        }
        return n;
    }

    /** The configured pause reason codes. */
    public Set<String> pauseReasons() {
        return pauseReasons;
    }

    /** True when {@code reason} is one of the configured pause reason codes. */
    public boolean pauseReasonKnown(String reason) {
        return pauseReasons.contains(reason);
    }

    /** The wrap-up length this pool starts on every call end. */
    public Duration wrapUp() {
        return wrapUp;
    }
}
