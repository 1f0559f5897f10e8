package dev.cobra.campaign;

import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.CallId;
import dev.cobra.pacing.AbandonMeter;
import dev.cobra.pacing.CallHistory;
import dev.cobra.pacing.Pacer;
import dev.cobra.pacing.PacingInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The hand-off desk of a campaign with agents: a person who answers is joined at once to the ready agent idle
 * longest; if none is ready, the call waits, and is joined when a wrap-up ends; if no agent frees up in time, the
 * information message is played and the call counts as abandoned.
 *
 * <p><b>The 2-second rule.</b> Regulators (Ofcom in the UK, the FTC/CFPB in the US; the common practice in
 * Brazil) require the message within 2 s of the answer. The desk is checked on the runner's tick, so it abandons a
 * waiting call once it has waited {@code limit - tickPeriod}: the message then always starts within the limit.
 *
 * <p>Event-driven callers (the shift simulation) pass a zero tick period and call {@link #tick} exactly when an
 * agent's wrap-up ends and when a waiting call reaches the limit.
 *
 * <p>Campaigns with agents dial with AMD off (the hand-off happens at answer): detection takes longer than the limit.
 * The desk also feeds the pacing model (answer delays, talk times, live and abandoned counts) and asks the pacer how
 * many calls to place. Not thread-safe: owned by the runner's thread, like the runner.
 */
public final class AgentDesk {
    /** Joins and abandons decided by one {@link #tick}. */
    public record Actions(List<Join> joins, List<CallId> abandons) {}

    /** Join {@code call} to {@code agentId}'s bridge. */
    public record Join(CallId call, String agentId) {}

    private final AgentPool pool;
    private final String campaign;
    private final Duration wait;
    private final Pacer pacer;
    private final CallHistory history;
    private final AbandonMeter meter;
    private final Map<CallId, Instant> undecided = new LinkedHashMap<>();
    private final Map<CallId, Instant> waiting = new LinkedHashMap<>();
    private final Map<CallId, Instant> talking = new LinkedHashMap<>();
    private java.util.function.BiPredicate<CallId, String> joinable = (call, agent) -> true;

    public AgentDesk(AgentPool pool, String campaign, Duration limit, Duration tickPeriod, Pacer pacer, CallHistory history,
                     AbandonMeter meter) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.campaign = campaign;
        this.wait = limit.minus(tickPeriod);
        if (tickPeriod.isNegative() || wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("tickPeriod: " + tickPeriod + " (expected: shorter than the abandon limit " + limit + ")");
        }
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.history = Objects.requireNonNull(history, "history");
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    /**
     * Restricts hand-offs to agents {@code joinable} accepts for a call (a pool of PBX servers: the agent's leg must be
     * on the call's server, see {@link dev.cobra.calls.Pbx#canJoin}).
     */
    void joinable(java.util.function.BiPredicate<CallId, String> test) {
        this.joinable = Objects.requireNonNull(test, "test");
    }

    /** How many calls to place now, from the pacer's view of agents and calls. */
    public int callsToPlace(Instant now) {
        return pacer.callsToPlace(PacingInput.of(now, pool.agents(), campaign, undecided.values(), waiting.size()));
    }

    public void placed(CallId call, Instant at) {
        undecided.put(call, at);
    }

    /** A person answered: returns the agent it is joined to now, or empty if it waits. */
    public Optional<String> answered(CallId call, Instant at) {
        resolve(call, at, true);
        meter.recordLive(at);
        Optional<Agent> agent = pool.assign(call, campaign, a -> joinable.test(call, a.id()));
        if (agent.isPresent()) {
            talking.put(call, at);
            return Optional.of(agent.get().id());
        }
        waiting.put(call, at);
        return Optional.empty();
    }

    /**
     * A person answered a call an agent already holds (preview: the agent dialed it and waits on its leg): recorded as a
     * live answer and as talk from now on; nobody else is offered it.
     */
    public void answeredHeld(CallId call, Instant at) {
        resolve(call, at, true);
        meter.recordLive(at);
        talking.put(call, at);
    }

    /** Answering-machine detection said machine: the call was not a live answer (it is hung up, no agent). */
    public void machine(CallId call, Instant at) {
        resolve(call, at, false);
    }

    /** The call ended (any way). Frees its agent into wrap-up, and returns that agent. */
    public Optional<Agent> ended(CallId call, Instant at, boolean answered) {
        if (!answered) {
            resolve(call, at, false);
        }
        waiting.remove(call);
        Instant talkStart = talking.remove(call);
        Optional<Agent> agent = pool.callEnded(call);
        if (agent.isPresent() && talkStart != null) {
            history.talked(Duration.between(talkStart, at));
        }
        return agent;
    }

    /** Live calls waiting for an agent, with when each was answered (oldest first). */
    public Map<CallId, Instant> waitingSince() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(waiting));
    }

    /** Ends due wrap-ups, joins waiting calls to agents now ready (first come first served), abandons overdue ones. */
    public Actions tick(Instant now) {
        pool.tick();
        List<Join> joins = new ArrayList<>();
        List<CallId> abandons = new ArrayList<>();
        Iterator<Map.Entry<CallId, Instant>> it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<CallId, Instant> w = it.next();
            Optional<Agent> agent = pool.assign(w.getKey(), campaign, a -> joinable.test(w.getKey(), a.id()));
            if (agent.isPresent()) {
                joins.add(new Join(w.getKey(), agent.get().id()));
                talking.put(w.getKey(), now);
                it.remove();
            } else if (!now.isBefore(w.getValue().plus(wait))) {
                abandons.add(w.getKey());
                meter.recordAbandoned(now);
                it.remove();
            }
        }
        return new Actions(joins, abandons);
    }

    private void resolve(CallId call, Instant at, boolean live) {
        Instant placed = undecided.remove(call);
        if (placed != null) {
            history.resolved(Duration.between(placed, at), live);
        }
    }

    /** Agents serving this campaign that are READY now (what the dial ratio divides by). */
    public int readyAgents() {
        return pool.count(AgentState.READY, campaign);
    }

    public int waiting() {
        return waiting.size();
    }

    public AgentPool pool() {
        return pool;
    }

    /** Abandoned / live answered over the meter's window (the regulator's ratio). */
    public double abandonRate(Instant now) {
        return meter.rate(now);
    }
}
