package dev.cobra.campaign;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's preview reservations by agent: which campaign's runner holds a debtor for each previewing agent, so an
 * agent's "dial" or "skip" (HTTP) reaches that runner. An agent is held by at most one runner at a time: a runner only
 * reserves for an agent the board does not hold (an agent serving several preview campaigns gets one debtor, not one
 * per campaign).
 *
 * <p>Not thread-safe: every method runs on the core thread ({@link RunnerLoop}); the HTTP routes go through it.
 * Time comes from the injected clock.
 */
public final class PreviewBoard {
    private final Clock clock;
    private final Map<String, CampaignRunner> byAgent = new HashMap<>();

    public PreviewBoard(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The debtor reserved for the agent now, if any. */
    public Optional<PreviewDesk.Offer> offer(String agentId) {
        CampaignRunner r = byAgent.get(agentId);
        return r == null ? Optional.empty() : r.preview().flatMap(d -> d.offer(agentId));
    }

    /**
     * The agent dials its reserved debtor: the runner re-checks compliance at this instant, writes the attempt and
     * originates; the agent holds the call (ON_CALL) while it rings.
     *
     * @throws IllegalStateException if nothing is reserved for the agent
     */
    public PreviewDesk.Dial dial(String agentId) {
        return holder(agentId).previewDial(agentId, clock.instant());
    }

    /**
     * The agent skips its reserved debtor: released with a next-eligible time (at least the desk's skip delay) and the
     * reason; the agent is READY and is offered the next debtor at the next tick.
     *
     * @param reason the agent's words (optional, at most 200 characters kept; stored with the release, never logged)
     * @throws IllegalStateException if nothing is reserved for the agent
     */
    public void skip(String agentId, String reason) {
        holder(agentId).previewSkip(agentId, reason, clock.instant());
    }

    private CampaignRunner holder(String agentId) {
        CampaignRunner r = byAgent.get(agentId);
        if (r == null) {
            throw new IllegalStateException("agent " + agentId + " has no debtor reserved (not previewing)");
        }
        return r;
    }

    /** True while some runner holds a debtor for the agent. */
    boolean holds(String agentId) {
        return byAgent.containsKey(agentId);
    }

    void hold(String agentId, CampaignRunner runner) {
        CampaignRunner other = byAgent.putIfAbsent(agentId, Objects.requireNonNull(runner, "runner"));
        if (other != null && other != runner) {
            throw new IllegalStateException("agent " + agentId + " is already previewing for campaign "
                    + other.settings().campaignId() + ", refused campaign " + runner.settings().campaignId());
        }
    }

    void drop(String agentId, CampaignRunner runner) {
        byAgent.remove(agentId, runner);
    }

    /** Agents previewing now, over every campaign. */
    public int previewing() {
        return byAgent.size();
    }
}
