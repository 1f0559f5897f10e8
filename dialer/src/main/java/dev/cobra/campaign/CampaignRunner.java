package dev.cobra.campaign;

import dev.cobra.agents.AgentPool;
import dev.cobra.calls.Call;
import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.calls.Pbx;
import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.DebtorFacts;
import dev.cobra.compliance.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials one campaign: claim, decide, write ahead, originate; then follow each call to its outcome and
 * give the debtor back with the next eligible instant the compliance engine computes.
 *
 * <p>Invariants: a call is only placed after {@link ComplianceEngine#decide} allowed it at that instant, on
 * the phone it chose; the attempt row exists before {@link Pbx#originate}; every claimed debtor is released
 * or retired exactly once (when its call ends, or at once when the engine says not now).
 *
 * <p>Not thread-safe: one thread (see {@link RunnerLoop}) calls {@link #tick} and {@link #onCallEvent}.
 */
public final class CampaignRunner {
    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
    /** At most this many claims per tick, whatever the pacer asks. */
    static final int MAX_CLAIM_PER_TICK = 200;

    private final RunnerSettings settings;
    private final DueDebtors due;
    private final AttemptLog attempts;
    private final ComplianceEngine engine;
    private final Pbx pbx;
    private final CallBudget pacer;
    private final CallRegistry registry;
    /** Null for campaigns without agents (IVR only). */
    private final AgentDesk desk;
    /** The desk paces and takes every answer (agent mode); false: it only takes the IVR's transfers. */
    private final boolean agentMode;
    /** Null unless the campaign dials in preview mode (the agents choose each call). */
    private final PreviewDesk preview;
    /** Whether the campaign may still reserve and dial (false once it pauses or stops: reservations end). */
    private final java.util.function.BooleanSupplier open;
    private final RunnerStats stats = new RunnerStats();
    private java.util.function.Consumer<Duration> handOffs = latency -> { };
    private final Map<CallId, Live> live = new HashMap<>();
    private long sequence;

    /** A call in flight and what its end needs. */
    private static final class Live {
        final DueDebtors.Claimed claimed;
        final DebtorFacts facts;
        final Call call;

        Live(DueDebtors.Claimed claimed, DebtorFacts facts, Call call) {
            this.claimed = claimed;
            this.facts = facts;
            this.call = call;
        }
    }

    /** Where the runner registers its calls so PBX events find their way back to it. */
    public interface CallRegistry {
        void register(CallId id, CampaignRunner owner);

        void unregister(CallId id);
    }

    public CampaignRunner(RunnerSettings settings, DueDebtors due, AttemptLog attempts, ComplianceEngine engine, Pbx pbx,
                          CallBudget pacer, CallRegistry registry) {
        this(settings, due, attempts, engine, pbx, pacer, registry, null, false, null, () -> true);
    }

    /**
     * A runner for a campaign with agents: the desk decides how many calls to place (its pacer) and where each
     * answered call goes (an agent, or the abandon message); {@code settings.onAnswer()} should be {@code Hold}.
     */
    public CampaignRunner(RunnerSettings settings, DueDebtors due, AttemptLog attempts, ComplianceEngine engine, Pbx pbx,
                          CallRegistry registry, AgentDesk desk) {
        this(settings, due, attempts, engine, pbx, inFlight -> 0, registry, Objects.requireNonNull(desk, "desk"), true, null, () -> true);
        desk.joinable(pbx::canJoin);
    }

    /**
     * A preview runner: every READY agent serving the campaign gets one debtor reserved ({@code preview}), claimed and
     * allowed by the engine like any other call; the call is placed only when that agent dials it, and once answered it
     * is joined to that agent (who already holds it: no abandon is possible). {@code room} caps how many debtors may be
     * reserved at once (the campaign's lines, less the calls in flight); {@code open} turns false when the campaign
     * stops dialing (every reservation then ends). {@code desk} follows the calls' ends (wrap-up) and the pacing history.
     */
    public CampaignRunner(RunnerSettings settings, DueDebtors due, AttemptLog attempts, ComplianceEngine engine, Pbx pbx,
                          CallRegistry registry, AgentDesk desk, PreviewDesk preview, CallBudget room,
                          java.util.function.BooleanSupplier open) {
        this(settings, due, attempts, engine, pbx, room, registry, Objects.requireNonNull(desk, "desk"), true,
                Objects.requireNonNull(preview, "preview"), Objects.requireNonNull(open, "open"));
        desk.joinable(pbx::canJoin);
        preview.owner(this);
    }

    /**
     * An IVR runner whose callers the IVR may hand to an agent ({@link CallEvent.AgentWanted}): {@code pacer} decides
     * how many calls to place, as for any IVR campaign; {@code transfers} joins each handed-on caller to the agent idle
     * longest, or plays the information message if none frees up within its limit (a transfer desk may wait longer
     * than the 2 s an answer may; such a caller is not counted as abandoned: the IVR answered it).
     */
    public CampaignRunner(RunnerSettings settings, DueDebtors due, AttemptLog attempts, ComplianceEngine engine, Pbx pbx,
                          CallBudget pacer, CallRegistry registry, AgentDesk transfers) {
        this(settings, due, attempts, engine, pbx, pacer, registry, Objects.requireNonNull(transfers, "transfers"), false, null, () -> true);
        transfers.joinable(pbx::canJoin);
    }

    private CampaignRunner(RunnerSettings settings, DueDebtors due, AttemptLog attempts, ComplianceEngine engine, Pbx pbx,
                           CallBudget pacer, CallRegistry registry, AgentDesk desk, boolean agentMode, PreviewDesk preview,
                           java.util.function.BooleanSupplier open) {
        this.desk = desk;
        this.preview = preview;
        this.open = open;
        this.agentMode = agentMode;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.due = Objects.requireNonNull(due, "due");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.pbx = Objects.requireNonNull(pbx, "pbx");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Places the calls the pacer asks for, if the PBX can take them. */
    public void tick(Instant now) {
        if (preview != null) {
            for (PreviewDesk.Lapsed l : preview.lapsed(now, open.getAsBoolean())) {
                release(l.held().claimed(), now, l.reason());
            }
        }
        if (!pbx.available()) {
            stats.paused();
            return;
        }
        if (desk != null) {
            handOff(desk.tick(now));
            stats.abandonRatio(desk.abandonRate(now));
        }
        if (preview != null) {
            offerPreviews(now);
            return;
        }
        int want = Math.min(MAX_CLAIM_PER_TICK, agentMode ? desk.callsToPlace(now) : pacer.callsToPlace(live.size()));
        if (want <= 0) {
            return;
        }
        int ready = desk != null ? desk.readyAgents() : 0; // as the pacer saw them: answers during placing take agents
        List<DueDebtors.Claimed> claims = due.claim(want, now);
        stats.claimed(claims.size());
        int placed = 0;
        for (DueDebtors.Claimed c : claims) {
            placed += place(c, now) ? 1 : 0;
        }
        if (desk != null && placed > 0) {
            stats.paced(placed, ready);
        }
    }

    /** Places one claimed debtor's call; false when the debtor was given back instead. */
    private boolean place(DueDebtors.Claimed claimed, Instant now) {
        Optional<Allowed> allowed = decide(claimed, now);
        allowed.ifPresent(a -> placeAllowed(claimed, a.facts(), a.decision(), now));
        return allowed.isPresent();
    }

    /** The debtor's facts and the engine's "yes" at {@code now}. */
    private record Allowed(DebtorFacts facts, Decision decision) {}

    /** Reads the claimed debtor and asks the engine; gives the debtor back (or retires it) unless allowed now. */
    private Optional<Allowed> decide(DueDebtors.Claimed claimed, Instant now) {
        Optional<DebtorFacts> loaded = due.facts(claimed.debtorId(), now);
        if (loaded.isEmpty()) {
            due.retire(claimed, false, "debtor no longer exists");
            return Optional.empty();
        }
        DebtorFacts facts = loaded.get();
        Decision d = engine.decide(facts, now);
        if (!d.allowed()) {
            stats.skipped(d.reason());
            giveBack(claimed, d);
            return Optional.empty();
        }
        return Optional.of(new Allowed(facts, d));
    }

    /** Writes the attempt ahead and originates the call the engine just allowed; returns its id. */
    private CallId placeAllowed(DueDebtors.Claimed claimed, DebtorFacts facts, Decision d, Instant now) {
        return placeAllowed(claimed, facts, d, now, callId(now), null);
    }

    private CallId callId(Instant now) {
        return new CallId(settings.callIdPrefix() + "-" + Long.toString(now.toEpochMilli(), 36) + "-" + (++sequence));
    }

    /** @param forAgent the agent who holds the call from the originate (preview), or null */
    private CallId placeAllowed(DueDebtors.Claimed claimed, DebtorFacts facts, Decision d, Instant now, CallId id, String forAgent) {
        attempts.open(id, facts.debtorId(), d.phone().phoneId(), now);
        Live call = new Live(claimed, facts, new Call(id, now));
        live.put(id, call);
        registry.register(id, this);
        stats.placed();
        if (agentMode) {
            desk.placed(id, now);
        }
        Map<String, String> variables = new HashMap<>();
        variables.put("COBRA_CALL_ID", id.value());
        variables.put("COBRA_CAMPAIGN", Long.toString(settings.campaignId()));
        if (settings.recordCalls()) {
            variables.put(RunnerSettings.RECORD_VARIABLE, "yes");
        }
        if (forAgent != null) {
            variables.put(CallRequest.AGENT_VARIABLE, forAgent); // a pool of PBXs places it where the agent's leg is
        }
        pbx.originate(new CallRequest(id, d.phone().e164(), settings.callerId(), settings.ringTimeout(), variables, settings.onAnswer()));
        return id;
    }

    /**
     * Preview: reserves one allowed debtor for each free READY agent of the campaign, within the room the campaign has
     * (its lines less the calls in flight and the debtors already reserved).
     */
    private void offerPreviews(Instant now) {
        if (!open.getAsBoolean()) {
            return;
        }
        int room = Math.min(MAX_CLAIM_PER_TICK, pacer.callsToPlace(live.size() + preview.reserved()));
        List<String> agents = preview.free(room);
        if (agents.isEmpty()) {
            return;
        }
        List<DueDebtors.Claimed> claims = due.claim(agents.size(), now);
        stats.claimed(claims.size());
        int next = 0;
        for (DueDebtors.Claimed c : claims) {
            Optional<Allowed> a = decide(c, now);
            if (a.isEmpty()) {
                continue;
            }
            PreviewDesk.Offer offer = preview.reserve(agents.get(next++), c, a.get().facts(), a.get().decision().phone(), now);
            // The agent may look for the whole reservation: the claim must outlive it.
            due.extend(c, offer.expiresAt().plus(settings.lease()));
        }
    }

    /** The agent dials its reserved debtor (core thread; see {@link PreviewBoard#dial}). */
    PreviewDesk.Dial previewDial(String agentId, Instant now) {
        PreviewDesk.Held h = reserved(agentId);
        AgentPool pool = desk.pool();
        if (!pbx.available()) {
            pool.previewEnded(agentId);
            release(h.claimed(), now, "the PBX was unavailable when the agent dialed");
            return new PreviewDesk.Refused("the PBX is unavailable; the debtor was given back, try the next one");
        }
        // The agent may have looked for two minutes: the engine decides again at the instant of the call.
        Optional<Allowed> a = decide(h.claimed(), now);
        if (a.isEmpty()) {
            pool.previewEnded(agentId);
            return new PreviewDesk.Refused("no longer allowed now (the calling rules changed during the preview); the debtor was given back");
        }
        CallId id = callId(now);
        pool.dialPreview(agentId, id); // held before the originate: an answer can only go to this agent
        preview.dialed(id, agentId);
        placeAllowed(h.claimed(), a.get().facts(), a.get().decision(), now, id, agentId);
        return new PreviewDesk.Dialed(id);
    }

    /** The agent skips its reserved debtor (core thread; see {@link PreviewBoard#skip}). */
    void previewSkip(String agentId, String reason, Instant now) {
        PreviewDesk.Held h = reserved(agentId);
        desk.pool().previewEnded(agentId);
        String words = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
        String why = "skipped in preview by agent " + agentId + (words.length() > 200 ? words.substring(0, 200) : words);
        Optional<DebtorFacts> facts = due.facts(h.claimed().debtorId(), now);
        if (facts.isEmpty()) {
            due.retire(h.claimed(), false, "debtor no longer exists");
            return;
        }
        Decision d = engine.decide(facts.get(), now);
        if (d.never()) {
            giveBack(h.claimed(), d);
            return;
        }
        Instant notBefore = now.plus(preview.settings().skipDelay());
        Instant next = d.next().orElseThrow();
        release(h.claimed(), next.isAfter(notBefore) ? next : notBefore, why);
    }

    private PreviewDesk.Held reserved(String agentId) {
        if (preview == null) {
            throw new IllegalStateException("campaign " + settings.campaignId() + " is not in preview mode");
        }
        return preview.take(agentId).orElseThrow(() -> new IllegalStateException("agent " + agentId
                + " has no debtor reserved in campaign " + settings.campaignId()));
    }

    /** The preview desk of a preview campaign. */
    public Optional<PreviewDesk> preview() {
        return Optional.ofNullable(preview);
    }

    private void release(DueDebtors.Claimed claimed, Instant next, String reason) {
        if (!due.release(claimed, next, reason)) {
            leaseLost(claimed);
        }
    }

    /** Advances a call; when it ends, closes the attempt and releases the debtor with the cadence's next time. */
    public void onCallEvent(CallEvent e) {
        Live call = live.get(e.callId());
        if (call == null) {
            log.debug("event for a call this runner does not hold: {}", e.callId());
            return;
        }
        boolean wasLive = call.call.state() == Call.State.ANSWERED || call.call.state() == Call.State.BRIDGED;
        Optional<CallOutcome> ended = call.call.apply(e);
        if (e instanceof CallEvent.Dialing) {
            attempts.originated(e.callId(), e.at());
        } else if (e instanceof CallEvent.Answered) {
            attempts.answered(e.callId(), e.at());
            due.extend(call.claimed, e.at().plus(settings.lease()));
            Optional<String> previewer = preview == null ? Optional.empty() : preview.agentOf(e.callId());
            if (agentMode && !wasLive && previewer.isPresent()) {
                // The agent who dialed it holds the call already and waits on its leg: join them, nobody else.
                desk.answeredHeld(e.callId(), e.at());
                if (pbx.canJoin(e.callId(), previewer.get())) {
                    pbx.move(e.callId(), new Destination.Agent(previewer.get()));
                } else {
                    // A pool of PBX servers placed the call away from the agent's leg (PbxPool does not yet originate a
                    // preview call on the agent's own server): the person hears the message rather than silence.
                    log.warn("call {}: answered on a PBX other than agent {}'s leg; playing the message (campaign {})",
                            e.callId(), previewer.get(), settings.campaignId());
                    call.call.markAbandoned();
                    pbx.move(e.callId(), new Destination.AbandonMessage());
                }
            } else if (agentMode && !wasLive) {
                desk.answered(e.callId(), e.at()).ifPresent(agent -> pbx.move(e.callId(), new Destination.Agent(agent)));
            }
        } else if (e instanceof CallEvent.AgentWanted) {
            transferred(e, wasLive);
        } else if (e instanceof CallEvent.Bridged) {
            attempts.bridged(e.callId(), e.at());
            if (call.call.answeredAt() != null && !e.at().isBefore(call.call.answeredAt())) {
                handOffs.accept(Duration.between(call.call.answeredAt(), e.at()));
            }
        } else if (e instanceof CallEvent.Recording) {
            attempts.recording(e.callId(), ((CallEvent.Recording) e).path());
        } else if (e instanceof CallEvent.Amd) {
            // The verdict alone (human, machine, not_sure, hangup): the IVR reads it to pick the machine path.
            attempts.amd(e.callId(), ((CallEvent.Amd) e).verdict().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (ended.isPresent()) {
            finish(call, ended.get(), e.at());
        }
    }

    private void finish(Live call, CallOutcome outcome, Instant at) {
        CallId id = call.call.id();
        live.remove(id);
        registry.unregister(id);
        stats.ended(outcome, Duration.between(call.call.createdAt(), at));
        attempts.close(id, at, outcome, call.call.cause());
        // Read the debtor again: the call itself may have changed what the cadence must see (an agreement or a promise
        // made in the IVR or with an agent, a phone marked wrong party, a do-not-call request), and the closed attempt
        // is part of the history now. (An IVR write racing the hang-up is caught at the next claim's decision.)
        if (desk != null) {
            desk.ended(id, at, call.call.answeredAt() != null);
        }
        if (preview != null) {
            preview.ended(id);
        }
        Optional<DebtorFacts> after = due.facts(call.facts.debtorId(), at);
        if (after.isEmpty()) {
            due.retire(call.claimed, false, "debtor no longer exists");
            return;
        }
        giveBack(call.claimed, engine.decide(after.get(), at));
    }

    private void giveBack(DueDebtors.Claimed claimed, Decision d) {
        if (d.never()) {
            if (!due.retire(claimed, d.reason() == dev.cobra.compliance.SkipReason.NEXT_STAGE, d.explain())) {
                leaseLost(claimed);
            }
        } else {
            release(claimed, d.next().orElseThrow(), d.explain());
        }
    }

    private void leaseLost(DueDebtors.Claimed claimed) {
        stats.leaseLost();
        log.warn("lease on debtor #{} was lost before release (campaign {}): another node may have reclaimed it",
                claimed.debtorId(), settings.campaignId());
    }

    /**
     * The IVR handed a live caller on to an agent: the desk joins it to a ready agent now or when one frees up, or
     * gives it the message. Without agents for this campaign the caller hears the message at once (not counted as an
     * abandon: the IVR answered it).
     */
    private void transferred(CallEvent e, boolean wasLive) {
        if (!wasLive || (desk != null && desk.pool().holder(e.callId()).isPresent())) {
            return;
        }
        if (desk == null || agentMode) {
            log.warn("call {}: the IVR asked for an agent, but campaign {} takes no IVR transfers; playing the message",
                    e.callId(), settings.campaignId());
            pbx.move(e.callId(), new Destination.AbandonMessage());
            return;
        }
        desk.answered(e.callId(), e.at()).ifPresent(agent -> pbx.move(e.callId(), new Destination.Agent(agent)));
    }

    /** Carries out the desk's decisions: join waiting calls to freed agents, play the message to overdue ones. */
    private void handOff(AgentDesk.Actions actions) {
        for (AgentDesk.Join j : actions.joins()) {
            pbx.move(j.call(), new Destination.Agent(j.agentId()));
        }
        for (CallId id : actions.abandons()) {
            Live call = live.get(id);
            if (call != null) {
                if (agentMode) {
                    call.call.markAbandoned(); // a live answer no agent took: the regulators' abandoned call
                }
                pbx.move(id, new Destination.AbandonMessage());
            }
        }
    }

    /** Calls in flight. */
    public int inFlight() {
        return live.size();
    }

    /**
     * Receives each hand-off's latency: from the person's answer to the PBX reporting the call joined to the agent
     * (the 2 s the regulators allow). Called on the core thread; set before the runner starts.
     */
    public void onHandOff(java.util.function.Consumer<Duration> observer) {
        this.handOffs = java.util.Objects.requireNonNull(observer, "observer");
    }

    /** The agent desk of a campaign with agents; empty for an IVR campaign. */
    public java.util.Optional<AgentDesk> desk() {
        return java.util.Optional.ofNullable(desk);
    }

    public RunnerStats stats() {
        return stats;
    }

    public RunnerSettings settings() {
        return settings;
    }
}
