package dev.cobra.http;

import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.CallId;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes agents' changes to their open event streams: a {@code state} event on every change (the agent as
 * {@code GET /api/agents} shows it, plus the server's {@code now} so a page can run its timer against the server's
 * clock) and, the moment a call is joined to the agent, a {@code call} event ({@code {"agentId", "callId"}}), on which
 * the console fetches the debtor's screen; and, when a preview campaign reserves a debtor for the agent (state
 * {@code preview}), a {@code preview} event ({@code {"agentId"}}, no debtor data), on which the console fetches
 * {@code GET /api/agents/{id}/preview}.
 *
 * <p>Threading: {@link #changed} is the {@link AgentPool.Listener}, called on the core thread; it only formats and
 * hands frames to {@link EventSink#send}, which never blocks. Subscriptions come and go from HTTP workers (a
 * concurrent map of concurrent sets). The last-announced call per agent is core-thread state.
 */
public final class AgentEvents implements AgentPool.Listener {
    private final Clock clock;
    private final Map<String, Set<EventSink>> streams = new ConcurrentHashMap<>();
    /** Core thread only: the call each agent was last told about, so a pause asked during the call repeats nothing. */
    private final Map<String, CallId> announced = new HashMap<>();

    public AgentEvents(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void changed(Agent agent) {
        Set<EventSink> sinks = streams.get(agent.id());
        CallId call = agent.state() == AgentState.ON_CALL ? agent.call() : null;
        boolean newCall = call != null && !call.equals(announced.get(agent.id()));
        if (call == null) {
            announced.remove(agent.id());
        } else {
            announced.put(agent.id(), call);
        }
        if (sinks == null || sinks.isEmpty()) {
            return;
        }
        Map<String, Object> state = state(agent);
        for (EventSink sink : sinks) {
            boolean alive = sink.send("state", state);
            if (alive && newCall) {
                alive = sink.send("call", Map.of("agentId", agent.id(), "callId", call.value()));
            }
            if (alive && agent.state() == AgentState.PREVIEW) {
                alive = sink.send("preview", Map.of("agentId", agent.id()));
            }
            if (!alive) {
                sinks.remove(sink);
            }
        }
    }

    /**
     * Subscribes {@code sink} to {@code agentId}'s events and sends it the current state (and call) at once. Must run
     * on the core thread (the caller wraps it in {@link AgentRoutes.CoreThread}), so no change slips between the
     * snapshot and the subscription. Returns the unsubscribe action.
     */
    Runnable subscribe(AgentPool pool, String agentId, EventSink sink) {
        streams.computeIfAbsent(agentId, k -> ConcurrentHashMap.newKeySet()).add(sink);
        pool.agent(agentId).ifPresentOrElse(a -> {
            sink.send("state", state(a));
            if (a.state() == AgentState.ON_CALL && a.call() != null) {
                sink.send("call", Map.of("agentId", a.id(), "callId", a.call().value()));
            }
            if (a.state() == AgentState.PREVIEW) {
                sink.send("preview", Map.of("agentId", a.id()));
            }
        }, () -> sink.send("state", Map.of("id", agentId, "state", "logged_out", "now", clock.instant().toString())));
        return () -> streams.computeIfPresent(agentId, (k, set) -> {
            set.remove(sink);
            return set.isEmpty() ? null : set;
        });
    }

    /** Open streams, all agents together. */
    public int streams() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    private Map<String, Object> state(Agent a) {
        Map<String, Object> m = new LinkedHashMap<>(AgentRoutes.view(a));
        if (a.pauseAfterCall() != null) {
            m.put("pauseAfterCall", a.pauseAfterCall());
        }
        m.put("now", clock.instant().toString());
        return m;
    }
}
