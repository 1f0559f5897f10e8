package dev.cobra.metrics;

import static dev.cobra.metrics.MeterNames.AGENTS;
import static dev.cobra.metrics.MeterNames.HANDOFF;

import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The agents' meters: {@code cobra_agents{state}} (agents of this node in each {@link AgentState}, from a snapshot the
 * core thread publishes) and {@code cobra_handoff_seconds{campaign}} (a person's answer to the moment the call is
 * joined to an agent; histogram buckets at the service-level objectives 0.25, 0.5, 1, 2 and 5 s, so the share joined
 * within the 2-second rule is {@code bucket{le="2.0"} / count}).
 *
 * <p>Threading: the agent pool is single-threaded, so it is never read here. The core thread publishes
 * {@link #countByState} of the pool (e.g. into an {@code AtomicReference} after each tick) and the gauges read the
 * supplier at scrape time; {@link #handOff} may be called from any thread.
 *
 * <pre>
 * AtomicReference&lt;Map&lt;AgentState, Integer&gt;&gt; published = new AtomicReference&lt;&gt;(Map.of());
 * AgentMeters agents = new AgentMeters(registry, published::get);
 * // on the core thread, after each tick:  published.set(AgentMeters.countByState(pool.agents()));
 * // where a waiting call is joined:       agents.handOff(campaign, Duration.between(answeredAt, joinedAt));
 * </pre>
 */
public final class AgentMeters {
    /** The hand-off buckets: the 2 s regulators allow, and steps either side of it. */
    static final Duration[] HANDOFF_SLOS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final MeterRegistry registry;

    /** @param byState agents per state, as last published by the core thread (missing states count 0) */
    public AgentMeters(MeterRegistry registry, Supplier<Map<AgentState, Integer>> byState) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(byState, "byState");
        for (AgentState s : AgentState.values()) {
            Gauge.builder(AGENTS, byState, b -> {
                Map<AgentState, Integer> m = b.get();
                return m == null ? 0 : m.getOrDefault(s, 0);
            }).tag("state", s.name().toLowerCase(Locale.ROOT)).description("agents of this node, by state").register(registry);
        }
    }

    /** Agents per state; call it on the thread that owns the agents (the pool is not thread-safe). */
    public static Map<AgentState, Integer> countByState(Collection<Agent> agents) {
        Map<AgentState, Integer> out = new EnumMap<>(AgentState.class);
        for (Agent a : agents) {
            out.merge(a.state(), 1, Integer::sum);
        }
        return out;
    }

    /** A live call was joined to an agent {@code answerToJoin} after the person answered. */
    public void handOff(String campaign, Duration answerToJoin) {
        if (answerToJoin.isNegative()) {
            throw new IllegalArgumentException("answerToJoin: " + answerToJoin + " (expected: >= 0, campaign=" + campaign + ")");
        }
        Timer.builder(HANDOFF).tag("campaign", campaign).serviceLevelObjectives(HANDOFF_SLOS)
                .description("a person's answer to the call joined to an agent").register(registry).record(answerToJoin);
    }
}
