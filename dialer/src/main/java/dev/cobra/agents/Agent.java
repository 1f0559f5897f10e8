package dev.cobra.agents;

import dev.cobra.calls.CallId;
import dev.cobra.calls.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One agent as the pool sees it: state, since when, the call it holds, the pause reason, the wrap-up deadline and
 * the last disposition; and the time spent in each state (for occupancy). Mutated only by {@link AgentPool}, on the
 * core thread; readers get the live object and must not keep it across events.
 */
public final class Agent {
    private final String id;
    private final Set<String> campaigns;
    private final Map<AgentState, Duration> timeIn = new EnumMap<>(AgentState.class);
    private AgentState state = AgentState.LOGGED_OUT;
    private Instant since;
    private CallId call;
    /** The call this agent took last (kept after it ends, so the disposition can be recorded against it). */
    private CallId lastCall;
    private String pauseReason;
    private String pauseAfterCall;
    private Instant wrapUpEndsAt;
    private Disposition disposition;

    Agent(String id, Set<String> campaigns, Instant now) {
        this.id = Objects.requireNonNull(id, "id");
        this.campaigns = Set.copyOf(campaigns);
        this.since = now;
        for (AgentState s : AgentState.values()) {
            timeIn.put(s, Duration.ZERO);
        }
    }

    void moveTo(AgentState to, Instant now) {
        if (!state.canGoTo(to)) {
            throw new IllegalStateException("agent " + id + ": " + state + " -> " + to + " not allowed (call=" + call
                    + ", since=" + since + ")");
        }
        timeIn.merge(state, Duration.between(since, now), Duration::plus);
        state = to;
        since = now;
    }

    void call(CallId c) {
        if (c != null) {
            lastCall = c;
        }
        call = c;
    }

    void pauseReason(String r) {
        pauseReason = r;
    }

    void pauseAfterCall(String r) {
        pauseAfterCall = r;
    }

    void wrapUpEndsAt(Instant at) {
        wrapUpEndsAt = at;
    }

    void disposition(Disposition d) {
        disposition = d;
    }

    public String id() {
        return id;
    }

    /** Campaigns (or skills) this agent takes calls for; empty means any. */
    public Set<String> campaigns() {
        return campaigns;
    }

    public boolean serves(String campaign) {
        return campaigns.isEmpty() || campaigns.contains(campaign);
    }

    public AgentState state() {
        return state;
    }

    /** When the agent entered the current state. */
    public Instant since() {
        return since;
    }

    /** The call held while ON_CALL, else null. */
    /** The last call this agent took, or null if none yet. */
    public CallId lastCall() {
        return lastCall;
    }

    public CallId call() {
        return call;
    }

    /** The reason code while PAUSED, else null. */
    public String pauseReason() {
        return pauseReason;
    }

    /** A pause asked for during a call or wrap-up, applied when the wrap-up ends; else null. */
    public String pauseAfterCall() {
        return pauseAfterCall;
    }

    /** When the wrap-up timer ends, while WRAP_UP; else null. */
    public Instant wrapUpEndsAt() {
        return wrapUpEndsAt;
    }

    /** The disposition of the last call, or null if none was set. */
    public Disposition disposition() {
        return disposition;
    }

    /** Time spent in {@code s} up to {@code now}, the current stint included. */
    public Duration timeIn(AgentState s, Instant now) {
        Duration d = timeIn.get(s);
        return s == state ? d.plus(Duration.between(since, now)) : d;
    }
}
