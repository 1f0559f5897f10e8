package dev.cobra.pacing;

import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * What a pacer sees at one decision, for one campaign. Arrays are in milliseconds, one entry per agent or call,
 * and belong to this snapshot (the pacer reads them, nobody writes them after construction).
 *
 * @param now               the decision time
 * @param staffedAgents     agents logged in and not paused (READY, ON_CALL or WRAP_UP)
 * @param readyAgents       agents READY now
 * @param wrapUpRemainingMs per agent in WRAP_UP: time until its wrap-up timer ends (0 if overdue)
 * @param talkElapsedMs     per agent ON_CALL: how long the current call has lasted
 * @param ringElapsedMs     per call placed and not yet known live or not: time since it was placed (ringing, or
 *                          answered with the answering-machine verdict pending)
 * @param waitingCalls      live calls answered and waiting for an agent now
 */
public record PacingInput(Instant now, int staffedAgents, int readyAgents, long[] wrapUpRemainingMs, long[] talkElapsedMs,
                          long[] ringElapsedMs, int waitingCalls) {
    public PacingInput {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(wrapUpRemainingMs, "wrapUpRemainingMs");
        Objects.requireNonNull(talkElapsedMs, "talkElapsedMs");
        Objects.requireNonNull(ringElapsedMs, "ringElapsedMs");
        if (readyAgents < 0 || waitingCalls < 0 || staffedAgents < readyAgents + wrapUpRemainingMs.length + talkElapsedMs.length) {
            throw new IllegalArgumentException("agents: staffed=" + staffedAgents + " ready=" + readyAgents + " wrapUp="
                    + wrapUpRemainingMs.length + " onCall=" + talkElapsedMs.length + " waiting=" + waitingCalls
                    + " (expected: staffed >= ready + wrapUp + onCall, none negative)");
        }
    }

    /**
     * Builds the snapshot from the agent pool's agents serving {@code campaign} and the campaign's calls.
     *
     * @param callsPlacedAt when each undecided call (ringing, or answered with AMD pending) was placed
     */
    public static PacingInput of(Instant now, Collection<Agent> agents, String campaign, Collection<Instant> callsPlacedAt,
                                 int waitingCalls) {
        int staffed = 0;
        int ready = 0;
        int wrap = 0;
        int talk = 0;
        for (Agent a : agents) {
            if (!a.serves(campaign)) {
                continue;
            }
            AgentState s = a.state();
            staffed += s == AgentState.READY || s == AgentState.PREVIEW || s == AgentState.ON_CALL || s == AgentState.WRAP_UP ? 1 : 0;
            ready += s == AgentState.READY ? 1 : 0;
            wrap += s == AgentState.WRAP_UP ? 1 : 0;
            talk += s == AgentState.ON_CALL ? 1 : 0;
        }
        long[] wrapMs = new long[wrap];
        long[] talkMs = new long[talk];
        wrap = 0;
        talk = 0;
        for (Agent a : agents) {
            if (!a.serves(campaign)) {
                continue;
            }
            if (a.state() == AgentState.WRAP_UP) {
                wrapMs[wrap++] = Math.max(0, Duration.between(now, a.wrapUpEndsAt()).toMillis());
            } else if (a.state() == AgentState.ON_CALL) {
                talkMs[talk++] = Duration.between(a.since(), now).toMillis();
            }
        }
        long[] ringMs = new long[callsPlacedAt.size()];
        int i = 0;
        for (Instant placed : callsPlacedAt) {
            ringMs[i++] = Math.max(0, Duration.between(placed, now).toMillis());
        }
        return new PacingInput(now, staffed, ready, wrapMs, talkMs, ringMs, waitingCalls);
    }

    /** Calls placed and not yet known live or not. */
    public int ringingCalls() {
        return ringElapsedMs.length;
    }

    /** Agents ON_CALL. */
    public int talkingAgents() {
        return talkElapsedMs.length;
    }

    /** Ready agents not already covered by a call in flight or waiting: progressive's answer. */
    public int uncoveredReadyAgents() {
        return Math.max(0, readyAgents - ringingCalls() - waitingCalls);
    }
}
