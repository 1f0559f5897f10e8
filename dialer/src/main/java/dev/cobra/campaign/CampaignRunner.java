package dev.cobra.campaign;

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
        this(settings, due, attempts, engine, pbx, pacer, registry, null, false);
    }

    /**
     * A runner for a campaign with agents: the desk decides how many calls to place (its pacer) and where each
     * answered call goes (an agent, or the abandon message); {@code settings.onAnswer()} should be {@code Hold}.
     */
    public CampaignRunner(RunnerSettings settings, DueDebtors due, AttemptLog attempts, ComplianceEngine engine, Pbx pbx,
                          CallRegistry registry, AgentDesk desk) {
        this(settings, due, attempts, engine, pbx, inFlight -> 0, registry, Objects.requireNonNull(desk, "desk"), true);
        desk.joinable(pbx::canJoin);
    }

    /**
     * An IVR runner whose callers the IVR may hand to an agent ({@link CallEvent.AgentWanted}): {@code pacer} decides
     * how many calls to place, as for any IVR campaign; {@code transfers} joins each handed-on caller to the agent idle
     * longest, or plays the information message if none frees up within its limit (a transfer desk may wait longer
     * than the 2 s an answer may; such a caller is not counted as abandoned: the IVR answered it).
     */
    public CampaignRunner(RunnerSettings settings, DueDebtors due, AttemptLog attempts, ComplianceEngine engine, Pbx pbx,
                          CallBudget pacer, CallRegistry registry, AgentDesk transfers) {
        this(settings, due, attempts, engine, pbx, pacer, registry, Objects.requireNonNull(transfers, "transfers"), false);
        transfers.joinable(pbx::canJoin);
    }

    private CampaignRunner(RunnerSettings settings, DueDebtors due, AttemptLog attempts, ComplianceEngine engine, Pbx pbx,
                           CallBudget pacer, CallRegistry registry, AgentDesk desk, boolean agentMode) {
        this.desk = desk;
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
        if (!pbx.available()) {
            stats.paused();
            return;
        }
        if (desk != null) {
            handOff(desk.tick(now));
            stats.abandonRatio(desk.abandonRate(now));
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
        Optional<DebtorFacts> loaded = due.facts(claimed.debtorId(), now);
        if (loaded.isEmpty()) {
            due.retire(claimed, false, "debtor no longer exists");
            return false;
        }
        DebtorFacts facts = loaded.get();
        Decision d = engine.decide(facts, now);
        if (!d.allowed()) {
            stats.skipped(d.reason());
            giveBack(claimed, d);
            return false;
        }
        CallId id = new CallId(settings.callIdPrefix() + "-" + Long.toString(now.toEpochMilli(), 36) + "-" + (++sequence));
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
        pbx.originate(new CallRequest(id, d.phone().e164(), settings.callerId(), settings.ringTimeout(), variables, settings.onAnswer()));
        return true;
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
            if (agentMode && !wasLive) {
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
        Optional<DebtorFacts> after = due.facts(call.facts.debtorId(), at);
        if (after.isEmpty()) {
            due.retire(call.claimed, false, "debtor no longer exists");
            return;
        }
        giveBack(call.claimed, engine.decide(after.get(), at));
    }

    private void giveBack(DueDebtors.Claimed claimed, Decision d) {
        boolean ok;
        if (d.never()) {
            ok = due.retire(claimed, d.reason() == dev.cobra.compliance.SkipReason.NEXT_STAGE, d.explain());
        } else {
            ok = due.release(claimed, d.next().orElseThrow(), d.explain());
        }
        if (!ok) {
            stats.leaseLost();
            log.warn("lease on debtor #{} was lost before release (campaign {}): another node may have reclaimed it",
                    claimed.debtorId(), settings.campaignId());
        }
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
