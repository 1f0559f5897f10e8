package dev.cobra.simulate;

import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.Call;
import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.calls.Pbx;
import dev.cobra.campaign.AgentDesk;
import dev.cobra.pacing.AbandonMeter;
import dev.cobra.pacing.CallHistory;
import dev.cobra.pacing.Pacer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One shift of one campaign in simulated time: the production {@link AgentPool}, {@link Call} state machines and
 * pacer (or the oracle) against a {@link SimPbx}, handing live calls to agents through the production
 * {@link AgentDesk} (driven at exact event times). This class stands in for the campaign runner: it ticks the pacer,
 * places calls, applies PBX events to calls, hands live calls to agents at once, and plays the information message
 * to a live call that found no agent within the limit.
 *
 * <p>Single-threaded and deterministic: the same settings, population seed and strategy give the same result.
 * {@code afterEvent} runs after every event (tests check invariants there).
 */
public final class ShiftSimulation implements Pbx.Listener {
    static final Instant EPOCH = Instant.parse("2026-01-05T09:00:00Z");
    private static final String CAMPAIGN = "sim";
    private static final String CALLER_ID = "+551130000000";

    private final SimulationSettings settings;
    private final Population population;
    private final Strategy strategy;
    private final DialPolicy policy;
    private final Consumer<ShiftSimulation> afterEvent;
    private final SimTime time = new SimTime(EPOCH);
    private final SimPbx pbx;
    private final AgentPool pool;
    private final CallHistory history;
    private final AbandonMeter meter;
    private final Pacer pacer;
    private final long endMs;
    private final long limitMs;
    private final Map<CallId, Call> calls = new HashMap<>();
    /** The production hand-off: the same desk the campaign runner uses, driven here at exact event times. */
    private final AgentDesk desk;
    private int nextIndex;
    private int oracleIndex;
    private long placed;
    private long liveAnswers;
    private long abandoned;
    private long contacts;
    private long maxAbandonDelayMs;
    private long[] liveTimes = new long[1024];
    private long[] abandonTimes = new long[64];

    ShiftSimulation(SimulationSettings settings, Population population, Strategy strategy, DialPolicy policy,
                    Consumer<ShiftSimulation> afterEvent) {
        this.settings = settings;
        this.population = population;
        this.strategy = strategy;
        this.policy = policy;
        this.afterEvent = afterEvent;
        this.pbx = new SimPbx(time, population, policy);
        pbx.setListener(this);
        this.pool = new AgentPool(time, settings.wrapUp(), Set.of("break"));
        this.history = new CallHistory(settings.population().ringTimeout(), 5000, 2000);
        this.meter = AbandonMeter.rolling24Hours(false);
        this.pacer = strategy instanceof Strategy.Paced ? ((Strategy.Paced) strategy).factory().create(history, meter, settings) : null;
        this.endMs = settings.shift().toMillis();
        this.limitMs = settings.abandonLimit().toMillis();
        this.desk = new AgentDesk(pool, CAMPAIGN, settings.abandonLimit(), Duration.ZERO, pacer == null ? Pacer.preview() : pacer,
                history, meter);
    }

    /** Runs one shift of {@code strategy} against the population drawn from {@code seed}. */
    public static ShiftResult run(SimulationSettings settings, long seed, Strategy strategy) {
        return new ShiftSimulation(settings, new Population(settings.population(), seed), strategy, DialPolicy.allowAll(),
                s -> { }).run(seed);
    }

    ShiftResult run(long seed) {
        for (int i = 0; i < settings.agents(); i++) {
            pool.login("agent-" + i, Set.of());
        }
        if (pacer == null) {
            for (int i = 0; i < settings.agents(); i++) {
                dialOracleFor(0);
            }
        } else {
            time.at(0, SimTime.DIALER, this::tick);
        }
        while (time.runNext(endMs)) {
            afterEvent.accept(this);
        }
        time.advanceTo(endMs);
        Instant end = time.instant();
        long talk = 0;
        long wrap = 0;
        long idle = 0;
        for (Agent a : pool.agents()) {
            talk += a.timeIn(AgentState.ON_CALL, end).toMillis();
            wrap += a.timeIn(AgentState.WRAP_UP, end).toMillis();
            idle += a.timeIn(AgentState.READY, end).toMillis();
        }
        return new ShiftResult(strategy.name(), settings.agents(), settings.population().liveRate(), seed,
                settings.agents() * endMs, talk, wrap, idle, placed, liveAnswers, abandoned, contacts, worstHourRate(),
                maxAbandonDelayMs);
    }

    private void tick() {
        int n = desk.callsToPlace(time.instant());
        for (int i = 0; i < n; i++) {
            dial(nextAllowed(false));
        }
        time.at(time.nowMs() + settings.tick().toMillis(), SimTime.DIALER, this::tick);
    }

    private int nextAllowed(boolean liveOnly) {
        for (int guard = 0; guard < 1_000_000; guard++) {
            int i = liveOnly ? oracleIndex++ : nextIndex++;
            boolean wanted = !liveOnly || population.get(i).kind() == Population.Kind.LIVE;
            if (wanted && policy.allows(SimPbx.number(i), time.instant())) {
                return i;
            }
        }
        throw new IllegalStateException("no number the dial policy allows in 1000000 (next=" + nextIndex + ")");
    }

    private void dial(int index) {
        CallId id = new CallId("c-" + index);
        Instant now = time.instant();
        calls.put(id, new Call(id, now));
        desk.placed(id, now);
        placed++;
        pbx.originate(new CallRequest(id, SimPbx.number(index), CALLER_ID, settings.population().ringTimeout(), Map.of(),
                new Destination.Hold()));
    }

    /** Oracle: dial the next live number so that it answers when an agent frees at {@code freeMs}. */
    private void dialOracleFor(long freeMs) {
        int index = nextAllowed(true);
        long at = Math.max(time.nowMs(), freeMs - population.get(index).resolveMs());
        if (at >= endMs) {
            return;
        }
        time.at(at, SimTime.DIALER, () -> dial(index));
    }

    @Override
    public void onCallEvent(CallEvent e) {
        Call call = calls.get(e.callId());
        if (call == null) {
            throw new IllegalStateException("event for unknown call " + e.callId() + ": " + e);
        }
        Optional<CallOutcome> end = call.apply(e);
        Instant now = time.instant();
        if (e instanceof CallEvent.Amd) {
            boolean human = ((CallEvent.Amd) e).verdict() == CallEvent.AmdVerdict.HUMAN;
            if (human) {
                liveTimes = append(liveTimes, liveAnswers++, time.nowMs());
                Optional<String> agent = desk.answered(call.id(), now);
                if (agent.isPresent()) {
                    joined(call.id(), agent.get());
                } else {
                    time.at(time.nowMs() + limitMs, SimTime.DIALER, this::deskTick);
                }
            } else {
                desk.machine(call.id(), now);
                pbx.hangup(call.id());
            }
        }
        if (end.isPresent()) {
            ended(call);
        }
    }

    /** A live call joined an agent: bridge it; the oracle times its next call to this agent's end. */
    private void joined(CallId id, String agentId) {
        pbx.move(id, new Destination.Agent(agentId));
        contacts++;
        if (pacer == null) {
            dialOracleFor(time.nowMs() + pbx.talkMs(id) + settings.wrapUp().toMillis());
        }
    }

    /** The desk's turn: wrap-ups ending, waiting calls joined, calls at the limit abandoned. */
    private void deskTick() {
        Map<CallId, Instant> waitingSince = desk.waitingSince();
        AgentDesk.Actions actions = desk.tick(time.instant());
        for (AgentDesk.Join j : actions.joins()) {
            joined(j.call(), j.agentId());
        }
        for (CallId id : actions.abandons()) {
            calls.get(id).markAbandoned();
            abandonTimes = append(abandonTimes, abandoned++, time.nowMs());
            maxAbandonDelayMs = Math.max(maxAbandonDelayMs, time.instant().toEpochMilli() - waitingSince.get(id).toEpochMilli());
            pbx.move(id, new Destination.AbandonMessage());
        }
    }

    private void ended(Call call) {
        CallId id = call.id();
        Optional<Agent> agent = desk.ended(id, time.instant(), call.answeredAt() != null);
        if (agent.isPresent()) {
            time.at(agent.get().wrapUpEndsAt().toEpochMilli() - EPOCH.toEpochMilli(), SimTime.AGENTS, this::deskTick);
        }
        calls.remove(id);
    }

    @Override
    public void onAvailability(String pbxName, boolean available) {
        // The simulated PBX never goes away.
    }

    private static long[] append(long[] a, long count, long value) {
        long[] out = count < a.length ? a : Arrays.copyOf(a, a.length * 2);
        out[(int) count] = value;
        return out;
    }

    /** The highest abandoned / live over windows of one hour ending on each minute from the first hour to the end. */
    private double worstHourRate() {
        long hour = 3_600_000;
        double worst = 0;
        int liveFrom = 0;
        int liveTo = 0;
        int abFrom = 0;
        int abTo = 0;
        for (long t = hour; t <= endMs; t += 60_000) {
            while (liveTo < liveAnswers && liveTimes[liveTo] <= t) {
                liveTo++;
            }
            while (liveFrom < liveTo && liveTimes[liveFrom] <= t - hour) {
                liveFrom++;
            }
            while (abTo < abandoned && abandonTimes[abTo] <= t) {
                abTo++;
            }
            while (abFrom < abTo && abandonTimes[abFrom] <= t - hour) {
                abFrom++;
            }
            int live = liveTo - liveFrom;
            if (live > 0) {
                worst = Math.max(worst, (double) (abTo - abFrom) / live);
            }
        }
        return worst;
    }

    /**
     * Checks the invariants that must hold after every event; throws {@link IllegalStateException} naming the
     * broken one. One live call per agent and one agent per call; only live calls on agents; no live call waits
     * longer than the limit without the information message; an agent is never READY while a live call waits.
     */
    void checkInvariants() {
        Set<CallId> held = new HashSet<>();
        int ready = 0;
        for (Agent a : pool.agents()) {
            if (a.state() == AgentState.ON_CALL) {
                Call c = calls.get(a.call());
                if (c == null || !held.add(a.call())) {
                    throw new IllegalStateException("agent " + a.id() + " holds " + a.call() + " which is gone or held twice");
                }
                if (c.state() != Call.State.ANSWERED && c.state() != Call.State.BRIDGED) {
                    throw new IllegalStateException("agent " + a.id() + " holds call " + c.id() + " in state " + c.state());
                }
            } else if (a.call() != null) {
                throw new IllegalStateException("agent " + a.id() + " is " + a.state() + " yet holds " + a.call());
            }
            ready += a.state() == AgentState.READY ? 1 : 0;
        }
        Map<CallId, Instant> waiting = desk.waitingSince();
        for (Map.Entry<CallId, Instant> w : waiting.entrySet()) {
            long waited = time.instant().toEpochMilli() - w.getValue().toEpochMilli();
            if (waited > limitMs) {
                throw new IllegalStateException("live call " + w.getKey() + " waited " + waited
                        + "ms without an agent or the message (limit " + limitMs + "ms)");
            }
        }
        if (ready > 0 && !waiting.isEmpty()) {
            throw new IllegalStateException(ready + " agents READY while " + waiting.size() + " live calls wait");
        }
        if (maxAbandonDelayMs > limitMs) {
            throw new IllegalStateException("an abandoned call got the message after " + maxAbandonDelayMs + "ms");
        }
    }

    long nowMs() {
        return time.nowMs();
    }

    long liveAnswers() {
        return liveAnswers;
    }

    long abandoned() {
        return abandoned;
    }

    Pacer pacer() {
        return pacer;
    }
}
