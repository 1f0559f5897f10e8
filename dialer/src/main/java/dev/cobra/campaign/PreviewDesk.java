package dev.cobra.campaign;

import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.CallId;
import dev.cobra.compliance.DebtorFacts;
import dev.cobra.compliance.PhoneFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reservations of one preview campaign: which debtor each of its previewing agents looks at, until when, and which
 * call each agent dialed. Pure bookkeeping over the {@link AgentPool}; the {@link CampaignRunner} does the claims,
 * the compliance decisions and the calls, and the {@link PreviewBoard} finds the desk behind an agent.
 *
 * <pre>
 * agent READY, serving the campaign, not held by any desk   -&gt; the runner claims one debtor, the engine allows it
 *                                                            -&gt; {@link #reserve}: agent PREVIEW, offer shown
 * agent dials                 -&gt; {@link #take}, pool.dialPreview: agent ON_CALL with the call; {@link #dialed}
 * agent skips                 -&gt; {@link #take}, pool.previewEnded: READY; debtor released at now + skipDelay
 * not acted on in time        -&gt; {@link #lapsed}: READY; debtor released at once (nobody judged it)
 * agent paused, logged out,   -&gt; {@link #lapsed}: the agent is no longer PREVIEW; debtor released at once
 *   leg dropped, or "ready"
 * campaign stops dialing      -&gt; {@link #lapsed} with open=false: every reservation ends, agents READY
 * </pre>
 *
 * <p>Not thread-safe: the core thread ({@link RunnerLoop}) owns it, with the pool and the runner. Time is passed in.
 */
public final class PreviewDesk {
    /**
     * @param reservation how long a debtor stays reserved for an agent who neither dials nor skips it
     * @param skipDelay   how long a skipped debtor waits before it is offered again (at least; compliance may say later)
     */
    public record Settings(Duration reservation, Duration skipDelay) {
        public Settings {
            if (reservation.compareTo(Duration.ofSeconds(5)) < 0 || reservation.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("reservation: " + reservation.toSeconds() + "s (expected: 5..3600)");
            }
            if (skipDelay.isNegative()) {
                throw new IllegalArgumentException("skipDelay: " + skipDelay + " (expected: >= 0)");
            }
        }

        /** 120 s to decide; a skipped debtor comes back after an hour at the earliest. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(120), Duration.ofHours(1));
        }
    }

    /** What the agent sees: the reserved debtor, the phone the engine chose, and until when it is held. No names here. */
    public record Offer(String agentId, long campaignId, String campaign, long debtorId, long phoneId, String phoneE164,
                        Instant reservedAt, Instant expiresAt) {}

    /** The answer to the agent's "dial". */
    public sealed interface Dial permits Dialed, Refused {}

    /** The call was placed (its attempt row written first); the agent holds it. */
    public record Dialed(CallId callId) implements Dial {}

    /** Compliance no longer allows the call (e.g. the calling window closed while the agent looked): released. */
    public record Refused(String reason) implements Dial {}

    /** One reservation, as the runner needs it to dial or give the debtor back. */
    record Held(Offer offer, DueDebtors.Claimed claimed, DebtorFacts facts) {}

    /** A reservation that ended without a call, and why (plain words, no personal data). */
    record Lapsed(Held held, String reason) {}

    private final AgentPool pool;
    private final String campaign;
    private final long campaignId;
    private final Settings settings;
    private final PreviewBoard board;
    private final Map<String, Held> held = new LinkedHashMap<>();
    private final Map<CallId, String> dialed = new HashMap<>();
    private CampaignRunner owner;

    public PreviewDesk(AgentPool pool, String campaign, long campaignId, Settings settings, PreviewBoard board) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.campaign = Objects.requireNonNull(campaign, "campaign");
        this.campaignId = campaignId;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.board = Objects.requireNonNull(board, "board");
    }

    /** The runner this desk reserves for; set once, by the runner's constructor. */
    void owner(CampaignRunner runner) {
        if (owner != null) {
            throw new IllegalStateException("preview desk of campaign " + campaign + " already belongs to a runner");
        }
        owner = runner;
    }

    /** READY agents of this campaign that no desk holds, idle longest first, at most {@code max}. */
    List<String> free(int max) {
        List<Agent> out = new ArrayList<>();
        for (Agent a : pool.agents()) {
            if (a.state() == AgentState.READY && a.serves(campaign) && !board.holds(a.id())) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(Agent::since));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < out.size() && i < max; i++) {
            ids.add(out.get(i).id());
        }
        return ids;
    }

    /** Reserves the claimed debtor, allowed now on {@code phone}, for the READY agent: the agent goes to PREVIEW. */
    Offer reserve(String agentId, DueDebtors.Claimed claimed, DebtorFacts facts, PhoneFacts phone, Instant now) {
        pool.preview(agentId);
        Offer offer = new Offer(agentId, campaignId, campaign, claimed.debtorId(), phone.phoneId(), phone.e164(), now,
                now.plus(settings.reservation()));
        held.put(agentId, new Held(offer, claimed, facts));
        board.hold(agentId, owner);
        return offer;
    }

    /**
     * Ends the reservations that can no longer be acted on: the agent left PREVIEW (paused, logged out, its leg
     * dropped), the time ran out, or (when {@code open} is false) the campaign stopped dialing. Agents still previewing
     * go back to READY. The runner gives each debtor back.
     */
    List<Lapsed> lapsed(Instant now, boolean open) {
        List<Lapsed> out = new ArrayList<>();
        Iterator<Held> it = held.values().iterator();
        while (it.hasNext()) {
            Held h = it.next();
            String agentId = h.offer().agentId();
            boolean previewing = pool.agent(agentId).map(a -> a.state() == AgentState.PREVIEW).orElse(false);
            String reason;
            if (!previewing) {
                reason = "agent " + agentId + " left the preview before dialing";
            } else if (!open) {
                reason = "campaign " + campaign + " stopped dialing during the preview";
            } else if (!now.isBefore(h.offer().expiresAt())) {
                reason = "preview not acted on within " + settings.reservation().toSeconds() + " s";
            } else {
                continue;
            }
            it.remove();
            board.drop(agentId, owner);
            if (previewing) {
                pool.previewEnded(agentId);
            }
            out.add(new Lapsed(h, reason));
        }
        return out;
    }

    /** Removes and returns the agent's reservation (to dial or skip it); the agent is still PREVIEW. */
    Optional<Held> take(String agentId) {
        Held h = held.remove(agentId);
        if (h != null) {
            board.drop(agentId, owner);
        }
        return Optional.ofNullable(h);
    }

    /** The agent's current offer. */
    public Optional<Offer> offer(String agentId) {
        return Optional.ofNullable(held.get(agentId)).map(Held::offer);
    }

    /** The agent dialed its debtor on {@code call}. */
    void dialed(CallId call, String agentId) {
        dialed.put(call, agentId);
    }

    /** The agent who dialed {@code call} from a preview, if it was one. */
    Optional<String> agentOf(CallId call) {
        return Optional.ofNullable(dialed.get(call));
    }

    /** The call ended: forget it. */
    void ended(CallId call) {
        dialed.remove(call);
    }

    /** Reservations held now. */
    public int reserved() {
        return held.size();
    }

    public Settings settings() {
        return settings;
    }
}
